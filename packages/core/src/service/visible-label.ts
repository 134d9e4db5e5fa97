import { type HiddenRecordKind, hiddenRecord } from '../access/hidden-record.js';
import type { Text } from '../kernel/message.js';
import type { CommandContext } from './context.js';
import type { EntityKind } from './entity-kind.js';

/**
 * A record's name for a text addressed to `readerId` (a reminder's recipient, a report's reader):
 * the name when they may open the record, otherwise the message "a deal you cannot open (id)".
 * A message, not text: a reminder is stored once and read later by its owner, whose language may
 * not be that of the command that raised it, so the placeholder is rendered when it is read.
 */
export async function visibleName<T extends { id: string }>(
  ctx: CommandContext,
  readerId: string,
  kind: EntityKind<T>,
  record: T,
  name: string,
): Promise<Text> {
  if (await ctx.allows(kind, record, 'read', readerId)) return name;
  return hiddenRecord(kind.type as HiddenRecordKind, record.id);
}
