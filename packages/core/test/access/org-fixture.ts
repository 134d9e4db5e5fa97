import type { Grant, OrgUser, ProtectedRecord } from '../../src/index.js';
import { OrgChart } from '../../src/index.js';

/**
 *   admin (管理员)
 *   gm 总经理 ─┬─ m1 经理甲 ─┬─ r1 销售员甲
 *             │             ├─ r2 销售员乙
 *             │             └─ left 离职员工 (inactive)
 *             └─ m2 经理乙 ─── r3 销售员丙
 *   pm 售前经理 ─── pre1 售前工程师
 *   svc1 服务工程师 (no manager)
 */
const NAMES: Record<string, string> = {
  admin: '管理员',
  gm: '总经理',
  m1: '经理甲',
  m2: '经理乙',
  r1: '销售员甲',
  r2: '销售员乙',
  r3: '销售员丙',
  left: '离职员工',
  pm: '售前经理',
  pre1: '售前工程师',
  svc1: '服务工程师',
};

export const USERS = {
  admin: { id: 'admin', role: 'admin', managerId: null, active: true },
  gm: { id: 'gm', role: 'sales_manager', managerId: null, active: true },
  m1: { id: 'm1', role: 'sales_manager', managerId: 'gm', active: true },
  m2: { id: 'm2', role: 'sales_manager', managerId: 'gm', active: true },
  r1: { id: 'r1', role: 'sales_rep', managerId: 'm1', active: true },
  r2: { id: 'r2', role: 'sales_rep', managerId: 'm1', active: true },
  r3: { id: 'r3', role: 'sales_rep', managerId: 'm2', active: true },
  left: { id: 'left', role: 'sales_rep', managerId: 'm1', active: false },
  // Manager power follows the reporting tree, not the role name: pm is a presales engineer with a report.
  pm: { id: 'pm', role: 'presales_engineer', managerId: null, active: true },
  pre1: { id: 'pre1', role: 'presales_engineer', managerId: 'pm', active: true },
  svc1: { id: 'svc1', role: 'service_engineer', managerId: null, active: true },
} satisfies Record<string, OrgUser>;

export const org = new OrgChart(Object.values(USERS), { nameOf: (id) => NAMES[id] });

export function recordOf(ownerId: string, grants: Grant[] = []): ProtectedRecord {
  return { ownerId, grants };
}

/** Independent of OrgChart: the plain reading of "walk up managerId", for oracles in properties. */
export function naiveAncestors(users: readonly OrgUser[], id: string): string[] {
  const byId = new Map(users.map((u) => [u.id, u]));
  const out: string[] = [];
  for (
    let m = byId.get(id)?.managerId ?? null;
    m !== null && !out.includes(m);
    m = byId.get(m)?.managerId ?? null
  ) {
    out.push(m);
  }
  return out;
}
