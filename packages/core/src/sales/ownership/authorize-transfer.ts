import type { OrgUser, PolicyDecision } from '../../access/model.js';
import type { OrgChart } from '../../access/org-chart.js';

/**
 * May `actor` move `from`'s records to `to`? An admin may; so may a manager above `from` who also has
 * `to` in their own subtree — including themselves, since a manager often takes a leaver's customers
 * personally. `to` must be a different, active, known user: records must never land on someone who has
 * left, or they become invisible to everyone but the managers.
 */
export function authorizeTransfer(org: OrgChart, actor: OrgUser, from: string, to: string): PolicyDecision {
  const name = org.nameOf(actor.id);
  if (!actor.active) return { allowed: false, reason: `${name} is no longer active` };
  if (from === to) return { allowed: false, reason: 'records cannot be transferred to their current owner' };
  if (org.get(from) === undefined)
    return { allowed: false, reason: `${org.nameOf(from)} is not a known user` };
  const receiver = org.get(to);
  if (receiver === undefined) return { allowed: false, reason: `${org.nameOf(to)} is not a known user` };
  if (!receiver.active) {
    return { allowed: false, reason: `${org.nameOf(to)} is no longer active and cannot receive records` };
  }
  if (actor.role === 'admin') return { allowed: true };
  const receiverInTeam = to === actor.id || org.isAbove(actor.id, to);
  if (org.isAbove(actor.id, from) && receiverInTeam) return { allowed: true };
  return {
    allowed: false,
    reason: `${name} must be above ${org.nameOf(from)} and have ${org.nameOf(to)} in their own team`,
  };
}
