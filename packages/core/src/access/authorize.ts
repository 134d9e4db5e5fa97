import { PermissionDeniedError } from '../kernel/errors.js';
import type { Message } from '../kernel/message.js';
import { deny, sayAccess as say } from './access-messages.js';
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
  // Names only on a refusal: they are for its sentence, and most checks allow.
  if (!actor.active) return deny(say('access.denied.inactive', { name: org.nameOf(actor.id) }));
  const sources = accessSources(org, actor, record);
  const permitting = sources.filter(PERMITS[action]);
  if (permitting.length > 0) return { allowed: true, grants: permitting };
  return deny(denialReason(org.nameOf(actor.id), org.nameOf(record.ownerId), action, sources));
}

/**
 * Whether one of `sources` (from `accessSources`) permits `action`: `authorize(…).allowed` for an
 * active actor, without building the result. A command checks read and then its own action on one
 * record, and both answers come from the one list of sources.
 */
export function permits(sources: readonly AccessGrant[], action: Action): boolean {
  const permit = PERMITS[action];
  for (const source of sources) if (permit(source)) return true;
  return false;
}

/** The grant `accessSources` gives an active actor who owns the record: kind and level are all `PERMITS` reads. */
const OWNER_GRANT = { kind: 'owner', level: 'edit' } as const satisfies Pick<AccessGrant, 'kind' | 'level'>;

/**
 * Whether the owner's own grant permits `action`: then an active owner may take it whatever else
 * the record's sources hold (a grant only ever adds access), so the service decides it without
 * reading the record's team.
 */
export function ownerPermits(action: Action): boolean {
  return PERMITS[action](OWNER_GRANT as AccessGrant);
}

/** Like `authorize`, for the service's write path: returns why it is allowed, or throws. */
export function requireAuthorized(
  org: OrgChart,
  actor: OrgUser,
  action: Action,
  record: ProtectedRecord,
): AccessGrant[] {
  const result = authorize(org, actor, action, record);
  if (!result.allowed) throw new PermissionDeniedError(action, result.reasonDetail);
  return result.grants;
}

function denialReason(name: string, owner: string, action: Action, sources: readonly AccessGrant[]): Message {
  if (sources.length === 0) return say('access.denied.noRelation', { name, owner });
  switch (action) {
    case 'read':
    case 'edit':
      return say('access.denied.readOnlyTeam', { name });
    case 'manage_team':
      return say('access.denied.manageTeam');
    case 'transfer':
      return sources.some((s) => s.kind === 'owner')
        ? say('access.denied.ownerCannotGiveAway')
        : say('access.denied.transfer');
    case 'delete':
      return say('access.denied.delete');
  }
}
