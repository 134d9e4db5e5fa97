import { idSchema, type Page } from '../../domain/common.js';
import { ConflictError, fieldIssue, InvalidTransitionError, ValidationError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import { listPage } from '../../service/list-page.js';
import type { Runner } from '../../service/runner.js';
import { scanAll } from '../../service/scan-all.js';
import { assertCatalogueLines } from '../products/catalogue-lines.js';
import {
  type DemoLoan,
  type DemoLoanListQuery,
  demoLoanListQuery,
  type LendDemoUnitInput,
  lendDemoUnitInput,
  type ReturnDemoUnitInput,
  returnDemoUnitInput,
} from './demo-loan.js';
import { sayDemoLoan as say } from './demo-loan-messages.js';

/**
 * Demo units (样机借用): scanners and terminals lent to a customer to try, with the date they are
 * due back, so a unit is never forgotten at a customer's site.
 */
export interface DemoLoanCommands {
  /**
   * Lend a demo unit to a customer, optionally for one of its deals. A serial that is already out,
   * whoever lent it, is refused; the salesperson is reminded the day before it is due back.
   * @example
   * ```ts
   * const loan = await crm.demoLoans.lend(jia, {
   *   sku: 'MC3300', serial: 'DEMO-0017', accountId: account.id,
   *   opportunityId: opportunity.id, dueBack: '2026-03-20',
   * });
   * ```
   */
  lend(actor: ActorRef, input: LendDemoUnitInput): Promise<DemoLoan>;
  /**
   * Take a unit back, noting its condition; the due-back reminder goes away.
   * @example
   * ```ts
   * await crm.demoLoans.return(jia, loan.id, { condition: '外壳轻微划痕' });
   * ```
   */
  return(actor: ActorRef, id: string, input?: ReturnDemoUnitInput): Promise<DemoLoan>;
  /**
   * One loan the actor may see (NOT_FOUND otherwise, exactly as for a missing one).
   * @example
   * ```ts
   * const loan = await crm.demoLoans.get(li, loanId);
   * ```
   */
  get(actor: ActorRef, id: string): Promise<DemoLoan>;
  /**
   * The loans the actor may see, one page at a time: units still out (`open: true`), back, or both.
   * @example
   * ```ts
   * const out = await crm.demoLoans.list(li, { open: true, ownerId: [jia.id, yi.id] });
   * ```
   */
  list(actor: ActorRef, query?: DemoLoanListQuery): Promise<Page<DemoLoan>>;
}

/** A physical unit is in one place: any open loan of the serial, whoever lent it, blocks another. */
async function assertSerialAvailable(ctx: CommandContext, serial: string): Promise<void> {
  const out = (await scanAll(ctx.tx.demoLoans, { open: true })).find((l) => l.serial === serial);
  if (out)
    throw new ConflictError(
      'demo loan',
      say('demoLoan.conflict.alreadyOut', { serial, dueBack: out.dueBack }),
    );
}

export function demoLoanCommands(run: Runner): DemoLoanCommands {
  return {
    lend: (actor, input) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(lendDemoUnitInput, input);
        // Lending a unit commits the customer's record (and the deal's) to a loan: edit access on
        // the deal when one is named, on the account otherwise; reading them is not enough.
        const account = await ctx.load(ENTITY.account, data.accountId, data.opportunityId ? 'read' : 'edit');
        if (data.opportunityId) {
          const opp = await ctx.load(ENTITY.opportunity, data.opportunityId, 'edit');
          if (opp.accountId !== account.id) {
            throw new ValidationError([
              fieldIssue('opportunityId', say('demoLoan.invalid.dealOfOtherAccount')),
            ]);
          }
        }
        await assertCatalogueLines(ctx, [data], () => '');
        await assertSerialAvailable(ctx, data.serial);
        const loan: DemoLoan = {
          ...ctx.stamp('loan'),
          sku: data.sku,
          serial: data.serial,
          accountId: account.id,
          opportunityId: data.opportunityId ?? null,
          ownerId: ctx.actor.id,
          loanedAt: data.loanedAt ?? ctx.now,
          dueBack: data.dueBack,
          returnedAt: null,
          condition: null,
        };
        return ctx.insert(ENTITY.demoLoan, loan, 'demo_loan.lent', {
          serial: loan.serial,
          accountId: account.id,
        });
      }),

    return: (actor, id, input = {}) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(returnDemoUnitInput, input);
        const loan = await ctx.load(ENTITY.demoLoan, parseInput(idSchema, id), 'edit');
        ctx.checkVersion('demo loan', loan, data.expectedVersion);
        if (loan.returnedAt !== null) {
          throw new InvalidTransitionError(
            'returned',
            'RETURN',
            say('demoLoan.refused.alreadyReturned', { serial: loan.serial, at: String(loan.returnedAt) }),
          );
        }
        const returnedAt = data.returnedAt ?? ctx.now;
        if (returnedAt < loan.loanedAt) {
          throw new ValidationError([fieldIssue('returnedAt', say('demoLoan.invalid.returnBeforeLent'))]);
        }
        return ctx.update(
          ENTITY.demoLoan,
          loan,
          { returnedAt, condition: data.condition ?? null },
          'demo_loan.returned',
        );
      }),

    get: (actor, id) => run.read(actor, (ctx) => ctx.load(ENTITY.demoLoan, parseInput(idSchema, id))),

    list: (actor, query = {}) =>
      run.read(actor, (ctx) => listPage(ctx, ctx.tx.demoLoans, parseInput(demoLoanListQuery, query))),
  };
}
