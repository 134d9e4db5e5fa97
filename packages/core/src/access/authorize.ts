import { PermissionDeniedError } from '../kernel/errors.js';
import { accessSources } from './access-sources.js';
import type { AccessGrant, Action, AuthorizeResult, OrgUser, ProtectedRecord } from './model.js';
import type { OrgChart } from './org-chart.js';

/**
 * Which kinds of access permit which action. Transfer is deliberately not an owner power: a salesperson
 * cannot hand their own customers to someone else (that is how accounts quietly walk out with people);
 * a manager above the owner, or an admin, decides. Delete is the same, because it destroys history.
 * Team access — one's own grant, or a grant held by someone below one in the reporting tree — only ever
 * reads, and edits when that grant says `edit`.
 */
const PERMITS: Record<Action, (source: AccessGrant) => boolean> = {
  read: () => true,
  edit: (s) => s.level === 'edit',
  manage_team: (s) => s.kind === 'admin' || s.kind === 'owner' || s.kind === 'manager',
  transfer: (s) => s.kind === 'admin' || s.kind === 'manager',
  delete: (s) => s.kind === 'admin' || s.kind === 'manager',
};

export function authorize(
  org: OrgChart,
  actor: OrgUser,
  action: Action,
  record: ProtectedRecord,
): AuthorizeResult {
  const name = org.nameOf(actor.id);
  if (!actor.active) return { allowed: false, reason: `${name} is no longer active` };
  const sources = accessSources(org, actor, record);
  const permitting = sources.filter(PERMITS[action]);
  if (permitting.length > 0) return { allowed: true, grants: permitting };
  return { allowed: false, reason: denialReason(name, org.nameOf(record.ownerId), action, sources) };
}

/** Like `authorize`, for the service's write path: returns why it is allowed, or throws. */
export function requireAuthorized(
  org: OrgChart,
  actor: OrgUser,
  action: Action,
  record: ProtectedRecord,
): AccessGrant[] {
  const result = authorize(org, actor, action, record);
  if (!result.allowed) throw new PermissionDeniedError(action, result.reason);
  return result.grants;
}

function denialReason(name: string, owner: string, action: Action, sources: readonly AccessGrant[]): string {
  if (sources.length === 0) {
    return `${name} is not the owner, not above the owner (${owner}) in the reporting line, and not on the record's team`;
  }
  switch (action) {
    case 'read':
    case 'edit':
      return `${name} is on the record's team with read access only`;
    case 'manage_team':
      return 'only the owner, a manager above the owner or an administrator may change the team';
    case 'transfer':
      return sources.some((s) => s.kind === 'owner')
        ? 'an owner cannot give a record away; a manager above the owner or an administrator must transfer it'
        : 'only a manager above the owner or an administrator may transfer a record';
    case 'delete':
      return 'only a manager above the owner or an administrator may delete a record';
  }
}
