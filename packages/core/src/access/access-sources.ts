import { renderBuiltIn } from '../kernel/message.js';
import { accessWord, sayAccess as say } from './access-messages.js';
import type { AccessGrant, AccessLevel, OrgUser, ProtectedRecord } from './model.js';
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
    sources.push(grant('admin', 'edit', say('access.grant.admin')));
  }
  if (record.ownerId === actor.id) {
    sources.push(grant('owner', 'edit', say('access.grant.owner')));
  }
  const levels = org.levelsAbove(actor.id, record.ownerId);
  if (levels !== null) {
    sources.push(
      grant('manager', 'edit', say('access.grant.manager', { owner: org.nameOf(record.ownerId), levels })),
    );
  }
  for (const member of record.grants) {
    const as = { role: accessWord('role', member.role), access: accessWord('level', member.access) };
    if (member.userId === actor.id) {
      sources.push(grant('team', member.access, say('access.grant.team', as)));
    } else if (org.isAbove(actor.id, member.userId)) {
      // A manager sees what their people see: the presales manager follows the deals their
      // engineers work on, and a new owner's manager sees the deal's history left by the old owner.
      sources.push(
        grant(
          'team',
          member.access,
          say('access.grant.managesTeamMember', { member: org.nameOf(member.userId), ...as }),
        ),
      );
    }
  }
  for (const member of record.dealTeamGrants ?? []) {
    const as = { role: accessWord('role', member.role) };
    if (member.userId === actor.id) {
      sources.push(grant('team', 'read', say('access.grant.dealTeamCustomer', as)));
    } else if (org.isAbove(actor.id, member.userId)) {
      sources.push(
        grant(
          'team',
          'read',
          say('access.grant.managesDealTeamMember', { member: org.nameOf(member.userId), ...as }),
        ),
      );
    }
  }
  // One reason is enough: the subject's own panel says why its reader may open it.
  if (record.subject && accessSources(org, actor, record.subject).length > 0) {
    sources.push(grant('team', 'read', say('access.grant.readsSubject')));
  }
  return sources;
}

/** `detail` is rendered only when read: `authorize` builds grants on every load and rarely shows them. */
function grant(
  kind: AccessGrant['kind'],
  level: AccessLevel,
  detailMessage: AccessGrant['detailMessage'],
): AccessGrant {
  return {
    kind,
    get detail() {
      return renderBuiltIn(detailMessage);
    },
    detailMessage,
    level,
  };
}
