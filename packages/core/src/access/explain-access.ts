import { type Message, renderBuiltIn } from '../kernel/message.js';
import { sayAccess as say } from './access-messages.js';
import { accessSources } from './access-sources.js';
import { authorize } from './authorize.js';
import type { AccessGrant, OrgUser, ProtectedRecord } from './model.js';
import type { OrgChart } from './org-chart.js';

export interface AccessExplanation {
  canRead: boolean;
  canEdit: boolean;
  /** Every reason the actor has access, including read-only team grants that do not allow editing. */
  grants: AccessGrant[];
  /**
   * One sentence, e.g. "王经理 can read and edit this record because 王经理 manages 甲 (2 levels up).",
   * in the call's language (English from the pure function).
   */
  summary: string;
  /** The sentence as a key with parameters (`access.summary.allowed` / `access.summary.denied`). */
  summaryMessage: Message;
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
  const summaryMessage = read.allowed
    ? say('access.summary.allowed', {
        name,
        canEdit: canEdit ? 'yes' : 'no',
        because: grants.map((g) => g.detailMessage),
      })
    : say('access.summary.denied', { name, reason: read.reasonDetail });
  return { canRead: read.allowed, canEdit, grants, summary: renderBuiltIn(summaryMessage), summaryMessage };
}

/** The explanation with its texts rendered by `say` (the call's language); keys and params unchanged. */
export function renderExplanation(
  explanation: AccessExplanation,
  say: (m: Message) => string,
): AccessExplanation {
  return {
    ...explanation,
    summary: say(explanation.summaryMessage),
    grants: explanation.grants.map((g) => ({
      kind: g.kind,
      detail: say(g.detailMessage),
      detailMessage: g.detailMessage,
      level: g.level,
    })),
  };
}
