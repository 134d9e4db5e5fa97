/**
 * Enters the probe's plan the way an app would: a fresh tenant from `createCrm` on SQLite, then
 * people, products, customers and deals through the public commands, nothing written around them.
 */
import type { ActorRef, Crm } from '@gongfu/core';
import { createCrm, sequentialIds } from '@gongfu/core';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import { PRODUCTS, type ProbePlan } from './duplicates-probe-data.js';

export interface LoadedProbe {
  crm: Crm;
  admin: ActorRef;
  /** The plan's deal key → the stored opportunity id. */
  idOf: Map<string, string>;
  /** The stored opportunity id → the plan's deal key. */
  keyOf: Map<string, string>;
  close(): Promise<void>;
}

const yuan = (amount: number) => ({ amount: Math.round(amount * 100), currency: 'CNY' });

/** A fresh tenant (`filename` ':memory:' or a file) holding the plan. Explanations are in zh-CN. */
export async function loadProbe(plan: ProbePlan, filename = ':memory:'): Promise<LoadedProbe> {
  const storage = await sqliteStorage({ filename });
  const crm = createCrm({ storage, ids: sequentialIds(), locale: 'zh-CN' });
  const admin = await crm.users.create(crm.system, { name: '系统管理员', role: 'admin' });
  const userId = new Map<string, string>();
  for (const u of plan.users) {
    const managerId = u.managerKey ? userId.get(u.managerKey) : undefined;
    const user = await crm.users.create(admin, {
      name: u.name,
      role: u.role,
      ...(managerId ? { managerId } : {}),
    });
    userId.set(u.key, user.id);
  }
  for (const p of PRODUCTS)
    await crm.products.create(admin, {
      sku: p.sku,
      name: p.name,
      category: p.category,
      listPrice: yuan(p.price),
    });
  const accountId = new Map<string, string>();
  for (const a of plan.accounts) {
    const account = await crm.accounts.create(admin, {
      name: a.name,
      kind: a.kind,
      region: { province: a.province },
      phones: a.phones,
      ownerId: userId.get(a.ownerKey) as string,
    });
    accountId.set(a.key, account.id);
  }
  const idOf = new Map<string, string>();
  const keyOf = new Map<string, string>();
  for (const d of plan.deals) {
    const opp = await crm.opportunities.create(admin, {
      name: d.name,
      accountId: accountId.get(d.accountKey) as string,
      channel: d.channel,
      ownerId: userId.get(d.ownerKey) as string,
      lines: d.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: yuan(l.price) })),
      requiredDelivery: d.requiredDelivery,
      region: { province: d.province },
      ...(d.endCustomer
        ? {
            endCustomer: {
              name: d.endCustomer.name,
              ...(d.endCustomer.tender ? { tender: d.endCustomer.tender } : {}),
            },
          }
        : {}),
    });
    idOf.set(d.key, opp.id);
    keyOf.set(opp.id, d.key);
  }
  return { crm, admin, idOf, keyOf, close: () => storage.close() };
}
