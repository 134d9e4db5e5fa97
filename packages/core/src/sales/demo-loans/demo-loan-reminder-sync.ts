import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { FreshOption } from '../../service/entity-kind.js';
import { visibleName } from '../../service/visible-label.js';
import { syncReminders } from '../reminders/reminder-sync.js';
import type { DemoLoan } from './demo-loan.js';
import { remindersForDemoLoan } from './demo-loan-reminders.js';

/** The due-back reminder of a demo loan, recomputed after any change to it. */
export async function syncDemoLoanReminders(
  ctx: CommandContext,
  loan: DemoLoan,
  options: FreshOption,
): Promise<void> {
  const account = await ctx.tx.accounts.get(loan.accountId);
  // The reminder reads the customer's name only when the loan's owner may open the customer.
  const label = account
    ? await visibleName(ctx, loan.ownerId, ENTITY.account, account, account.name)
    : loan.serial;
  const desired = remindersForDemoLoan(
    {
      id: loan.id,
      ownerId: loan.ownerId,
      serial: loan.serial,
      dueBack: loan.dueBack,
      returnedAt: loan.returnedAt,
      label,
    },
    ctx.reminders,
  );
  await syncReminders(ctx, 'demo_loan', loan.id, desired, options);
}
