import type { OrgUser, PolicyDecision, Role } from '../../access/model.js';
import type { OrgChart } from '../../access/org-chart.js';

/**
 * Who may change a user (role, manager, deactivate): an admin, or a manager above the target in the
 * reporting tree. One deliberate narrowing: only an admin may manage an admin account, because whoever
 * can change an admin's row can take over the admin's powers.
 */
export function authorizeManageUser(org: OrgChart, actor: OrgUser, target: OrgUser): PolicyDecision {
  const name = org.nameOf(actor.id);
  if (!actor.active) return { allowed: false, reason: `${name} is no longer active` };
  if (actor.role === 'admin') return { allowed: true };
  if (target.role === 'admin')
    return { allowed: false, reason: 'only an administrator may manage an administrator' };
  if (org.isAbove(actor.id, target.id)) return { allowed: true };
  return { allowed: false, reason: `${name} is not above ${org.nameOf(target.id)} in the reporting line` };
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
  if (!actor.active) return { allowed: false, reason: `${name} is no longer active` };
  if (actor.role === 'admin') return { allowed: true };
  if (actor.role !== 'sales_manager') {
    return { allowed: false, reason: 'only administrators and sales managers may create users' };
  }
  if (newUser.role === 'admin')
    return { allowed: false, reason: 'only an administrator may create an administrator' };
  if (newUser.managerId === null || !org.subtreeOf(actor.id).includes(newUser.managerId)) {
    return { allowed: false, reason: `${name} may only add users who report into their own team` };
  }
  return { allowed: true };
}

export function canCreateUser(org: OrgChart, actor: OrgUser, newUser: NewUserPlacement): boolean {
  return authorizeCreateUser(org, actor, newUser).allowed;
}
