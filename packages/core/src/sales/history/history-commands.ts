import { z } from 'zod';
import type { EntityType, HistoryEvent } from '../../domain/history.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import { ENTITY, type EntityKind } from '../../service/entities.js';
import type { Runner } from '../../service/runner.js';

/** Record kinds whose history can be read; each is authorized through its record. */
const KINDS: Record<string, EntityKind<unknown>> = {
  account: ENTITY.account as EntityKind<unknown>,
  contact: ENTITY.contact as EntityKind<unknown>,
  lead: ENTITY.lead as EntityKind<unknown>,
  opportunity: ENTITY.opportunity as EntityKind<unknown>,
  order: ENTITY.order as EntityKind<unknown>,
  service_case: ENTITY.serviceCase as EntityKind<unknown>,
  activity: ENTITY.activity as EntityKind<unknown>,
  demo_loan: ENTITY.demoLoan as EntityKind<unknown>,
  cost: ENTITY.cost as EntityKind<unknown>,
};

const query = z.object({
  entityType: z.enum([
    'account',
    'contact',
    'lead',
    'opportunity',
    'order',
    'service_case',
    'activity',
    'demo_loan',
    'cost',
  ]),
  id: z.string().trim().min(1).max(100),
});

export function historyCommands(run: Runner) {
  return {
    /** Every change of one record, oldest first: who, when, what happened, from what to what. */
    forRecord: async (actor: ActorRef, entityType: EntityType, id: string): Promise<HistoryEvent[]> =>
      run.read(actor, async (ctx) => {
        const q = parseInput(query, { entityType, id });
        await ctx.load(KINDS[q.entityType]!, q.id);
        return ctx.tx.history.forEntity(q.entityType, q.id);
      }),
  };
}
