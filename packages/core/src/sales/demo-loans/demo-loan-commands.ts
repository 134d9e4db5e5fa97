import { z } from 'zod';
import { type Page, pageSchema } from '../../domain/common.js';
import { ConflictError, InvalidTransitionError, ValidationError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { Runner } from '../../service/runner.js';
import { stripUndefined } from '../../service/strip-undefined.js';
import type { DemoLoanFilter } from '../../storage/repositories.js';
import {
  type DemoLoan,
  type LendDemoUnitInput,
  lendDemoUnitInput,
  returnDemoUnitInput,
} from '../activities/activity.js';

const idInput = z.string().trim().min(1, 'required').max(100);

export const demoLoanListQuery = pageSchema.extend({
  open: z.boolean().optional(),
  accountId: z.array(z.string()).optional(),
  ownerId: z.array(z.string()).optional(),
});

/** A physical unit is in one place: any open loan of the serial, whoever lent it, blocks another. */
async function assertSerialAvailable(ctx: CommandContext, serial: string): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await ctx.tx.demoLoans.list({
      where: { open: true },
      scope: { kind: 'all' },
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    const out = page.items.find((l) => l.serial === serial);
    if (out)
      throw new ConflictError('demo loan', `demo unit ${serial} is already out (due back ${out.dueBack})`);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export function demoLoanCommands(run: Runner) {
  // Every command is async so that bad input rejects the promise rather than throwing synchronously.
  return {
    /** Lend a demo unit to a customer; the salesperson is reminded the day before it is due back. */
    lend: async (actor: ActorRef, input: LendDemoUnitInput) =>
      run.write(actor, async (ctx): Promise<DemoLoan> => {
        const data = parseInput(lendDemoUnitInput, input);
        const account = await ctx.load(ENTITY.account, data.accountId);
        if (data.opportunityId) {
          const opp = await ctx.load(ENTITY.opportunity, data.opportunityId);
          if (opp.accountId !== account.id) {
            throw new ValidationError([
              { field: 'opportunityId', message: 'the deal belongs to another account' },
            ]);
          }
        }
        await assertSerialAvailable(ctx, data.serial);
        const loan: DemoLoan = {
          tenantId: ctx.tx.tenantId,
          id: ctx.newId('loan'),
          version: 1,
          createdAt: ctx.now,
          updatedAt: ctx.now,
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
        await ctx.insert(ENTITY.demoLoan, loan, 'demo_loan.lent', {
          serial: loan.serial,
          accountId: account.id,
        });
        return loan;
      }),

    return: async (actor: ActorRef, id: string, input: z.input<typeof returnDemoUnitInput> = {}) => {
      const data = parseInput(returnDemoUnitInput, input);
      return run.write(actor, async (ctx): Promise<DemoLoan> => {
        const loan = await ctx.load(ENTITY.demoLoan, parseInput(idInput, id), 'edit');
        ctx.checkVersion('demo loan', loan, data.expectedVersion);
        if (loan.returnedAt !== null) {
          throw new InvalidTransitionError(
            'returned',
            'RETURN',
            `demo unit ${loan.serial} was already returned at ${loan.returnedAt}`,
          );
        }
        const returnedAt = data.returnedAt ?? ctx.now;
        if (returnedAt < loan.loanedAt) {
          throw new ValidationError([
            { field: 'returnedAt', message: 'a unit cannot come back before it was lent' },
          ]);
        }
        const next = await ctx.update(
          ENTITY.demoLoan,
          loan,
          { returnedAt, condition: data.condition ?? null },
          'demo_loan.returned',
        );
        const _account = (await ctx.tx.accounts.get(loan.accountId)) ?? { name: loan.accountId };
        return next;
      });
    },

    get: async (actor: ActorRef, id: string): Promise<DemoLoan> =>
      run.read(actor, (ctx) => ctx.load(ENTITY.demoLoan, parseInput(idInput, id))),

    list: async (actor: ActorRef, query: z.input<typeof demoLoanListQuery> = {}): Promise<Page<DemoLoan>> =>
      run.read(actor, (ctx) => {
        const { limit, cursor, ...where } = parseInput(demoLoanListQuery, query);
        return ctx.tx.demoLoans.list({
          where: stripUndefined(where) as DemoLoanFilter,
          scope: ctx.scope(),
          limit,
          ...(cursor ? { cursor } : {}),
        });
      }),
  };
}
