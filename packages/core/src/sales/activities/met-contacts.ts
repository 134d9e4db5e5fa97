import { fieldIssue, ValidationError } from '../../kernel/errors.js';
import type { CommandContext } from '../../service/context.js';
import type { ContactOutcome } from './activity.js';
import { sayActivity } from './activity-messages.js';

/**
 * The contacts an outcome says were met must be contacts of the deal the activity is linked to:
 * "met the decision maker" means something only against that deal's buying roles. The deal is read
 * without an access check: the activity is linked to it already, and only its contact ids are used.
 */
export async function assertMetDealContacts(
  ctx: CommandContext,
  opportunityId: string | null,
  outcome: ContactOutcome | null | undefined,
): Promise<void> {
  const met = outcome?.metContactIds ?? [];
  if (met.length === 0) return;
  const deal = opportunityId ? await ctx.tx.opportunities.get(opportunityId) : undefined;
  if (!deal)
    throw new ValidationError([
      fieldIssue('outcome.metContactIds', sayActivity('activity.invalid.metWithoutDeal')),
    ]);
  const onDeal = new Set(deal.contacts.map((c) => c.contactId));
  const issues = met.flatMap((contactId, i) =>
    onDeal.has(contactId)
      ? []
      : [
          fieldIssue(
            `outcome.metContactIds.${i}`,
            sayActivity('activity.invalid.notDealContact', { contactId }),
          ),
        ],
  );
  if (issues.length > 0) throw new ValidationError(issues);
}
