import { deny, sayAccess } from '../../access/access-messages.js';
import type { OrgUser, PolicyDecision, Role } from '../../access/model.js';
import type { OrgChart } from '../../access/org-chart.js';
import { sayOrg as say } from './org-messages.js';

/**
 * Who may change a user (role, manager, deactivate): an admin, or a manager above the target in the
 * reporting tree. One deliberate narrowing: only an admin may manage an admin account, because whoever
 * can change an admin's row can take over the admin's powers.
 */
export function authorizeManageUser(org: OrgChart, actor: OrgUser, target: OrgUser): PolicyDecision {
  const name = org.nameOf(actor.id);
  if (!actor.active) return deny(sayAccess('access.denied.inactive', { name }));
  if (actor.role === 'admin') return { allowed: true };
  if (target.role === 'admin') return deny(say('org.denied.manageAdmin'));
  if (org.isAbove(actor.id, target.id)) return { allowed: true };
  return deny(say('org.denied.notAbove', { name, target: org.nameOf(target.id) }));
}

export function canManageUser(org: OrgChart, actor: OrgUser, target: OrgUser): boolean {
  return authorizeManageUser(org, actor, target).allowed;
}

export interface NewUserPlacement {
  role: Role;
  managerId: string | null;
}

/**
 * Who may create a user: an admin, anywhere with any role; a sales manager, only inside their own
 * subtree (reporting to themselves or to someone below them) and never as an admin. Everyone else, no.
 */
export function authorizeCreateUser(
  org: OrgChart,
  actor: OrgUser,
  newUser: NewUserPlacement,
): PolicyDecision {
  const name = org.nameOf(actor.id);
  if (!actor.active) return deny(sayAccess('access.denied.inactive', { name }));
  if (actor.role === 'admin') return { allowed: true };
  if (actor.role !== 'sales_manager') {
    return deny(say('org.denied.createUsers'));
  }
  if (newUser.role === 'admin') return deny(say('org.denied.createAdmin'));
  if (newUser.managerId === null || !org.subtreeOf(actor.id).includes(newUser.managerId)) {
    return deny(say('org.denied.ownTeamOnly', { name }));
  }
  return { allowed: true };
}

export function canCreateUser(org: OrgChart, actor: OrgUser, newUser: NewUserPlacement): boolean {
  return authorizeCreateUser(org, actor, newUser).allowed;
}
