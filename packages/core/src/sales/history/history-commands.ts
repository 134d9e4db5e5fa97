import type { HistoryEvent } from '../../domain/history.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import { ENTITY, type EntityKind } from '../../service/entities.js';
import type { Runner } from '../../service/runner.js';
import { type HistoryRecordType, historyQuery } from './history.js';

/**
 * The change history (变更记录) of every record: who did what and when, from what to what. It is
 * written in the same transaction as the change, so it never disagrees with the record.
 */
export interface HistoryCommands {
  /**
   * Every change of one record the actor may see, oldest first: the event, who and when, the fields
   * before and after, and the context (a loss reason, a transfer batch …). NOT_FOUND when the actor
   * may not see the record.
   * @example
   * ```ts
   * const events = await crm.history.forRecord(li, 'opportunity', deal.id);
   * for (const e of events) console.log(e.at, e.event, e.actorId, e.changes);
   * ```
   */
  forRecord(actor: ActorRef, entityType: HistoryRecordType, id: string): Promise<HistoryEvent[]>;
}

/** Every record kind a person reads by id, with the entity kind that loads and authorizes it. */
export const RECORD_KINDS: Record<HistoryRecordType, EntityKind<unknown>> = {
  account: ENTITY.account,
  contact: ENTITY.contact,
  lead: ENTITY.lead,
  opportunity: ENTITY.opportunity,
  order: ENTITY.order,
  service_case: ENTITY.serviceCase,
  activity: ENTITY.activity,
  demo_loan: ENTITY.demoLoan,
  cost: ENTITY.cost,
  quota: ENTITY.quota,
};

export function historyCommands(run: Runner): HistoryCommands {
  return {
    forRecord: (actor, entityType, id) =>
      run.read(actor, async (ctx) => {
        const q = parseInput(historyQuery, { entityType, id });
        await ctx.load(RECORD_KINDS[q.entityType], q.id);
        return ctx.tx.history.forEntity(q.entityType, q.id);
      }),
  };
}
