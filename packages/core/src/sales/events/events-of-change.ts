import type { EntityType } from '../../domain/history.js';
import type { Instant } from '../../kernel/time.js';
import type { LifecycleEffect } from '../../lifecycle/effects.js';
import { DOMAIN_EVENT_VERSION, type DomainEventDraft } from './domain-event.js';

/** One logged change, as the command context writes it to history. */
export interface LoggedChange {
  entityType: EntityType;
  entityId: string;
  name: string;
  actorId: string;
  at: Instant;
  version: number;
  /** Null before: the record was created; null after with a before: it was deleted. */
  created: boolean;
  deleted: boolean;
  changes: Record<string, { from: unknown; to: unknown }>;
  meta: Record<string, unknown> | null;
  ownerId: string;
  teamKey: string;
}

/**
 * The feed events one logged change stands for: the record created, changed or deleted, then one
 * event per lifecycle effect the decision named (in the decision's order). Pure.
 */
export function eventsOfChange(c: LoggedChange): DomainEventDraft[] {
  const out: DomainEventDraft[] = [];
  // Each event's own keys assigned onto a fresh base, not `{ ...base, type }`: a spread then a new
  // key gives every event a hidden class of its own (kernel/merged.ts), and the feed store reads
  // every field of every event.
  if (c.deleted) out.push(Object.assign(baseOf(c), { type: 'record.deleted' as const, meta: c.meta }));
  else
    out.push(
      Object.assign(baseOf(c), {
        type: c.created ? ('record.created' as const) : ('record.changed' as const),
        changes: c.changes,
        meta: c.meta,
      }),
    );
  const effects = c.meta?.effects;
  if (Array.isArray(effects)) {
    for (const effect of effects as LifecycleEffect[])
      out.push(Object.assign(baseOf(c), { type: 'lifecycle.effect' as const, effect }));
  }
  return out;
}

/** What every event of one change shares, as a fresh object. */
function baseOf(c: LoggedChange) {
  return {
    v: DOMAIN_EVENT_VERSION,
    at: c.at,
    actorId: c.actorId,
    entityType: c.entityType,
    entityId: c.entityId,
    version: c.version,
    name: c.name,
    ownerId: c.ownerId,
    teamKey: c.teamKey,
  };
}
