import { z } from 'zod';
import { PermissionDeniedError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import type { Runner } from '../../service/runner.js';
import { authorizeTransfer } from './authorize-transfer.js';
import { planTransfer, type TransferPlan } from './plan-transfer.js';
import { applyTransfer } from './transfer-apply.js';
import { gatherTransfer } from './transfer-gather.js';
import { transferOptionsSchema } from './transfer-schema.js';

const idInput = z.string().trim().min(1, 'required').max(100);

export const transferCommandInput = z.object({
  from: idInput,
  to: idInput,
  options: transferOptionsSchema.partial().optional(),
  /** Only plan: return what would move and why, write nothing. */
  dryRun: z.boolean().default(false),
});
export type TransferCommandInput = z.input<typeof transferCommandInput>;

export interface TransferResult {
  plan: TransferPlan;
  applied: boolean;
  /** Shared by every history event of this transfer; null for a dry run. */
  batchId: string | null;
}

export function ownershipCommands(run: Runner) {
  return {
    /**
     * A salesperson leaves (or changes role): hand their book to `to` in one transaction. Open work
     * moves per the options, closed records keep their owner unless asked, the leaver's seats on
     * other teams are removed or handed over, and reminders follow the records.
     */
    transfer: async (actor: ActorRef, input: TransferCommandInput): Promise<TransferResult> => {
      const data = parseInput(transferCommandInput, input);
      const body = async (ctx: CommandContext): Promise<TransferResult> => {
        const decision = authorizeTransfer(ctx.org, ctx.actor, data.from, data.to);
        if (!decision.allowed) throw new PermissionDeniedError('transfer records', decision.reason);
        const gathered = await gatherTransfer(ctx, data.from);
        const plan = planTransfer({
          from: data.from,
          to: data.to,
          options: data.options ?? {},
          records: gathered.records,
          names: Object.fromEntries([...ctx.users.values()].map((u) => [u.id, u.name])),
        });
        if (data.dryRun) return { plan, applied: false, batchId: null };
        const batchId = ctx.newId('xfer');
        await applyTransfer(ctx, gathered, plan, batchId);
        return { plan, applied: true, batchId };
      };
      // A dry run reads in a snapshot, so it cannot write even by mistake.
      return data.dryRun ? run.read(actor, body) : run.write(actor, body);
    },
  };
}
