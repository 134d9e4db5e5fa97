import type { OrgChart } from '../../access/org-chart.js';

/** Who hears of a slipping reminder. */
export interface EscalationRoute {
  /** The one who must act: the owner's nearest active manager. */
  to: string;
  /** Everyone the escalation may be copied to, nearest first, `to` first. */
  chain: string[];
}

/**
 * The people above a reminder's owner: `to` is the nearest manager up the reporting line who is
 * still active (a departed manager is skipped, their own manager hears instead), `chain` every
 * active manager above, nearest first — the people whose `crm.reminders.escalations` lists it.
 * An owner with no active manager above them (the top of a tree) is escalated to the tenant's
 * active admins instead, the first by id as `to`. Null when there is no one at all.
 */
export function routeEscalation(org: OrgChart, ownerId: string): EscalationRoute | null {
  const active = (id: string) => org.get(id)?.active === true;
  const managers = org.managersOf(ownerId).filter(active);
  const chain =
    managers.length > 0
      ? managers
      : org
          .users()
          .filter((u) => u.role === 'admin' && u.active && u.id !== ownerId)
          .map((u) => u.id)
          .sort();
  const [to] = chain;
  return to === undefined ? null : { to, chain };
}
