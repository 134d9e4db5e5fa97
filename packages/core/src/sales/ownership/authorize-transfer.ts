import { deny, sayAccess } from '../../access/access-messages.js';
import type { OrgUser, PolicyDecision } from '../../access/model.js';
import type { OrgChart } from '../../access/org-chart.js';
import { sayOwnership as say } from './ownership-messages.js';

/**
 * May `actor` move `from`'s records to `to`? An admin may; so may a manager above `from` who also has
 * `to` in their own subtree — including themselves, since a manager often takes a leaver's customers
 * personally. `to` must be a different, active, known user: records must never land on someone who has
 * left, or they become invisible to everyone but the managers.
 */
export function authorizeTransfer(org: OrgChart, actor: OrgUser, from: string, to: string): PolicyDecision {
  const name = org.nameOf(actor.id);
  if (!actor.active) return deny(sayAccess('access.denied.inactive', { name }));
  if (from === to) return deny(say('ownership.denied.sameOwner'));
  if (org.get(from) === undefined)
    return deny(say('ownership.denied.unknownUser', { name: org.nameOf(from) }));
  const receiver = org.get(to);
  if (receiver === undefined) return deny(say('ownership.denied.unknownUser', { name: org.nameOf(to) }));
  if (!receiver.active) {
    return deny(say('ownership.denied.inactiveReceiver', { name: org.nameOf(to) }));
  }
  if (actor.role === 'admin') return { allowed: true };
  const receiverInTeam = to === actor.id || org.isAbove(actor.id, to);
  if (org.isAbove(actor.id, from) && receiverInTeam) return { allowed: true };
  return deny(say('ownership.denied.notAboveBoth', { name, from: org.nameOf(from), to: org.nameOf(to) }));
}
