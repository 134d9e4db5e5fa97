import type { CommandContext } from '../../service/context.js';
import type { FreshOption } from '../../service/entity-kind.js';
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
  const desired = remindersForDemoLoan(
    {
      id: loan.id,
      ownerId: loan.ownerId,
      serial: loan.serial,
      dueBack: loan.dueBack,
      returnedAt: loan.returnedAt,
      label: account?.name ?? loan.serial,
    },
    ctx.settings.reminders,
  );
  await syncReminders(ctx, 'demo_loan', loan.id, desired, options);
}
