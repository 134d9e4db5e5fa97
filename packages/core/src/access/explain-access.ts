import { accessSources } from './access-sources.js';
import { authorize } from './authorize.js';
import type { AccessGrant, OrgUser, ProtectedRecord } from './model.js';
import type { OrgChart } from './org-chart.js';

export interface AccessExplanation {
  canRead: boolean;
  canEdit: boolean;
  /** Every reason the actor has access, including read-only team grants that do not allow editing. */
  grants: AccessGrant[];
  /** One English sentence, e.g. "王经理 can read and edit this record because 王经理 manages 甲 (2 levels up)." */
  summary: string;
}

/**
 * Answers "why can this user see this record?" for a sharing panel or an audit. `canRead`/`canEdit`
 * come from `authorize` itself, so the explanation can never disagree with the decision.
 */
export function explainAccess(org: OrgChart, actor: OrgUser, record: ProtectedRecord): AccessExplanation {
  const name = org.nameOf(actor.id);
  const read = authorize(org, actor, 'read', record);
  const canEdit = authorize(org, actor, 'edit', record).allowed;
  const grants = accessSources(org, actor, record);
  if (!read.allowed) {
    return { canRead: false, canEdit, grants, summary: `${name} cannot see this record: ${read.reason}.` };
  }
  const verbs = canEdit ? 'read and edit' : 'read but not edit';
  const because = joinEnglish(grants.map((g) => g.detail));
  return {
    canRead: true,
    canEdit,
    grants,
    summary: `${name} can ${verbs} this record because ${name} ${because}.`,
  };
}

function joinEnglish(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
