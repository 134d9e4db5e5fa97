import { z } from 'zod';
import type { EntityType } from '../../domain/history.js';
import { LIFECYCLE_EFFECT_TYPES } from '../../lifecycle/effects.js';

/** The shape version every event carries (`v`); a consumer refuses versions it does not know. */
export const DOMAIN_EVENT_VERSION = 1 as const;

const entityTypes = [
  'user',
  'account',
  'contact',
  'product',
  'lead',
  'opportunity',
  'order',
  'service_case',
  'activity',
  'demo_loan',
  'cost',
  'quota',
  'reminder',
] as const satisfies readonly EntityType[];
// Every kind the history knows is a kind the feed can carry: adding one without the other does not compile.
type MissingFromFeed = Exclude<EntityType, (typeof entityTypes)[number]>;
const _allKinds: [MissingFromFeed] extends [never] ? true : MissingFromFeed = true;
void _allKinds;

const change = z.object({ from: z.unknown(), to: z.unknown() });

/** What every event of the feed says: where it sits, who did what to which record, and when. */
const envelope = {
  v: z.literal(DOMAIN_EVENT_VERSION),
  /** Position in the tenant's feed: gapless and in commit order. */
  seq: z.number().int().positive(),
  /** `<tenant>/<seq>`: the idempotency key a handler de-duplicates redeliveries by. */
  key: z.string(),
  tenantId: z.string(),
  at: z.string(),
  actorId: z.string(),
  entityType: z.enum(entityTypes),
  entityId: z.string(),
  /** The record version the command produced. */
  version: z.number().int(),
  /** The domain's word for what happened (`lead.captured`, `opportunity.stage_changed`, …). */
  name: z.string(),
};

const recordCreated = z.object({
  ...envelope,
  type: z.literal('record.created'),
  changes: z.record(z.string(), change),
  meta: z.record(z.string(), z.unknown()).nullable(),
});
const recordChanged = z.object({
  ...envelope,
  type: z.literal('record.changed'),
  changes: z.record(z.string(), change),
  meta: z.record(z.string(), z.unknown()).nullable(),
});
const recordDeleted = z.object({
  ...envelope,
  type: z.literal('record.deleted'),
  meta: z.record(z.string(), z.unknown()).nullable(),
});
/** One effect of an accepted lifecycle decision (`closedWon`, `stageEntered`, …), after its record.changed. */
const lifecycleEffect = z.object({
  ...envelope,
  type: z.literal('lifecycle.effect'),
  effect: z.looseObject({ type: z.enum(LIFECYCLE_EFFECT_TYPES) }),
});

/**
 * One event of the change feed, version 1. Parse what arrives from the wire (a webhook body, the
 * SSE stream) with it; match on `type` exhaustively so a new variant is a compile error.
 */
export const domainEventSchema = z.discriminatedUnion('type', [
  recordCreated,
  recordChanged,
  recordDeleted,
  lifecycleEffect,
]);

export type DomainEvent = z.infer<typeof domainEventSchema>;
export type DomainEventType = DomainEvent['type'];
export type RecordCreatedEvent = z.infer<typeof recordCreated>;
export type RecordChangedEvent = z.infer<typeof recordChanged>;
export type RecordDeletedEvent = z.infer<typeof recordDeleted>;
export type LifecycleEffectEvent = z.infer<typeof lifecycleEffect>;

/** An event as a command appends it: the feed assigns `seq` and `key` at commit. */
export type DomainEventDraft = DistributiveOmit<DomainEvent, 'seq' | 'key' | 'tenantId'> & {
  /** Who may see it: the record's owner when it happened and its governing team (see RowScope). */
  ownerId: string;
  teamKey: string;
};

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
