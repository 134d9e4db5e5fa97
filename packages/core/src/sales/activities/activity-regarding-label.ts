import type { Text } from '../../kernel/message.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { EntityKind } from '../../service/entity-kind.js';
import { visibleName } from '../../service/visible-label.js';
import type { ActivityRegarding, ActivitySubjectKind } from './activity.js';

type Identified = { id: string };

interface Named<T> {
  kind: EntityKind<T>;
  /** The name a salesperson knows the record by. */
  name(record: T): string;
}

const named = <T>(kind: EntityKind<T>, name: (record: T) => string): Named<Identified> =>
  ({ kind, name }) as unknown as Named<Identified>;

/** Read at call time: `ENTITY` imports the activity's reminder sync, which imports this file. */
function subjectOf(kind: ActivitySubjectKind): Named<Identified> {
  switch (kind) {
    case 'lead':
      return named(ENTITY.lead, (l) => l.company);
    case 'opportunity':
      return named(ENTITY.opportunity, (o) => o.name);
    case 'account':
      return named(ENTITY.account, (a) => a.name);
    case 'contact':
      return named(ENTITY.contact, (c) => c.name);
    case 'order':
      return named(ENTITY.order, (o) => o.number);
    case 'service_case':
      return named(ENTITY.serviceCase, (s) => s.summary);
  }
}

/**
 * The record an activity is about, as `readerId` may know it: its name when they may open it,
 * otherwise its kind and id only (the hidden-record rule), as a message rendered when read. Null
 * when the record is gone.
 */
export async function regardingName(
  ctx: CommandContext,
  readerId: string,
  regarding: ActivityRegarding,
): Promise<Text | null> {
  const subject = subjectOf(regarding.kind);
  const record = (await subject.kind.store(ctx.tx).get(regarding.id)) as Identified | null;
  if (!record) return null;
  return visibleName(ctx, readerId, subject.kind, record, subject.name(record));
}

/** `regardingName` as text in the call's language, for a reader who is the caller. */
export async function regardingLabel(
  ctx: CommandContext,
  readerId: string,
  regarding: ActivityRegarding,
): Promise<string | null> {
  const name = await regardingName(ctx, readerId, regarding);
  return name === null || typeof name === 'string' ? name : ctx.say(name);
}
