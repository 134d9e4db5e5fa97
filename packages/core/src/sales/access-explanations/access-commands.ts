import type { AccessExplanation } from '../../access/explain-access.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { Runner } from '../../service/runner.js';
import { type HistoryRecordType, historyQuery } from '../history/history.js';
import { RECORD_KINDS } from '../history/history-commands.js';

/** "Why can this person see this record?" for every kind of record, from the rules that decide it. */
export interface AccessCommands {
  /**
   * Why the actor may read (and edit) one record of any kind — ownership, the reporting line, the
   * governing deal or account team — in the same words `authorize` decides by. NOT_FOUND when the
   * actor may not see the record, exactly as for a missing one.
   * @example
   * ```ts
   * const why = await crm.access.explain(presales, 'contact', contact.id);
   * console.log(why.canEdit, why.summary); // false "售前工程师 can read but not edit this record because …"
   * ```
   */
  explain(actor: ActorRef, kind: HistoryRecordType, id: string): Promise<AccessExplanation>;
}

export function accessCommands(run: Runner): AccessCommands {
  return {
    explain: (actor, kind, id) =>
      run.read(actor, async (ctx) => {
        const q = parseInput(historyQuery, { entityType: kind, id });
        const entity = RECORD_KINDS[q.entityType];
        return ctx.explain(entity, await ctx.load(entity, q.id));
      }),
  };
}
