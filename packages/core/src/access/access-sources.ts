import type { AccessGrant, OrgUser, ProtectedRecord } from './model.js';
import type { OrgChart } from './org-chart.js';

/**
 * Every reason `actor` has access to `record`, before any action is considered. `authorize` and
 * `explainAccess` both start from this list, which is what keeps them from drifting apart.
 *
 * The actor object is trusted for role and `active` (it is the current user's fresh row); the org chart
 * is used only for reporting lines. Manager power follows the reporting tree, not the role name: whoever
 * has people reporting to them sees those people's records, and, as `team` access at the same level,
 * every record one of those people is on the team of.
 */
export function accessSources(org: OrgChart, actor: OrgUser, record: ProtectedRecord): AccessGrant[] {
  if (!actor.active) return [];
  const sources: AccessGrant[] = [];
  if (actor.role === 'admin') {
    sources.push({ kind: 'admin', detail: 'is an administrator', level: 'edit' });
  }
  if (record.ownerId === actor.id) {
    sources.push({ kind: 'owner', detail: 'owns the record', level: 'edit' });
  }
  const levels = org.levelsAbove(actor.id, record.ownerId);
  if (levels !== null) {
    const distance = levels === 1 ? '1 level up' : `${levels} levels up`;
    sources.push({
      kind: 'manager',
      detail: `manages ${org.nameOf(record.ownerId)} (${distance})`,
      level: 'edit',
    });
  }
  for (const grant of record.grants) {
    if (grant.userId === actor.id) {
      sources.push({
        kind: 'team',
        detail: `is on the record's team as ${grant.role} with ${grant.access} access`,
        level: grant.access,
      });
    } else if (org.isAbove(actor.id, grant.userId)) {
      // A manager sees what their people see: the presales manager follows the deals their
      // engineers work on, and a new owner's manager sees the deal's history left by the old owner.
      sources.push({
        kind: 'team',
        detail: `manages ${org.nameOf(grant.userId)}, who is on the record's team as ${grant.role} with ${grant.access} access`,
        level: grant.access,
      });
    }
  }
  return sources;
}
