import { type HiddenRecordKind, hiddenRecord } from '../access/hidden-record.js';
import type { CommandContext } from './context.js';
import type { EntityKind } from './entity-kind.js';

/**
 * A record's name for a text addressed to `readerId` (a reminder's recipient, a report's reader):
 * the name when they may open the record, otherwise "a deal you cannot open (id)" in the call's
 * language (a reminder keeps the language of the command that raised it).
 */
export async function visibleLabel<T extends { id: string }>(
  ctx: CommandContext,
  readerId: string,
  kind: EntityKind<T>,
  record: T,
  name: string,
): Promise<string> {
  if (await ctx.allows(kind, record, 'read', readerId)) return name;
  return ctx.say(hiddenRecord(kind.type as HiddenRecordKind, record.id));
}
