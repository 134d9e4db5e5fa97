import { PermissionDeniedError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import type { Runner } from '../../service/runner.js';
import { authorizeTransfer } from './authorize-transfer.js';
import { sayOwnership as say } from './ownership-messages.js';
import { planTransfer, renderTransferPlan, type TransferPlan } from './plan-transfer.js';
import { applyTransfer } from './transfer-apply.js';
import { gatherTransfer } from './transfer-gather.js';
import { type TransferCommandInput, transferCommandInput } from './transfer-schema.js';

/** What a transfer did, or for a dry run would do. */
export interface TransferResult {
  plan: TransferPlan;
  applied: boolean;
  /** Shared by every history event of this transfer; null for a dry run. */
  batchId: string | null;
}

/**
 * Ownership transfer (工作交接): when a salesperson leaves or changes role, their customers, deals,
 * orders and appointments are handed to a colleague so that no customer is left without anyone.
 */
export interface OwnershipCommands {
  /**
   * Hand `from`'s book to `to` in one transaction. Open work moves per the options, closed records
   * keep their owner unless asked, `from`'s seats on other people's deal teams are removed or handed
   * over, and reminders follow the records. An admin may transfer anyone's records; a manager those
   * of someone below them, to someone in their own team (themselves included). `dryRun` only
   * returns the plan — what would move and why — and writes nothing.
   * @example
   * ```ts
   * const preview = await crm.ownership.transfer(li, { from: yi.id, to: jia.id, dryRun: true });
   * const done = await crm.ownership.transfer(li, {
   *   from: yi.id, to: jia.id, options: { closedRecords: 'move', keepDealTeams: false },
   * });
   * console.log(done.plan.moves.map((m) => m.reason), done.batchId);
   * ```
   */
  transfer(actor: ActorRef, input: TransferCommandInput): Promise<TransferResult>;
}

export function ownershipCommands(run: Runner): OwnershipCommands {
  return {
    transfer: async (actor, input) => {
      const data = parseInput(transferCommandInput, input);
      const body = async (ctx: CommandContext): Promise<TransferResult> => {
        const decision = authorizeTransfer(ctx.org, ctx.actor, data.from, data.to);
        if (!decision.allowed)
          throw new PermissionDeniedError(say('ownership.action.transfer'), decision.reasonDetail);
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
      const result = await (data.dryRun ? run.read(actor, body) : run.write(actor, body));
      // The reasons are read by the manager confirming the hand-over: in the call's language.
      return { ...result, plan: renderTransferPlan(result.plan, run.say) };
    },
  };
}
