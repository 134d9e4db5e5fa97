import type { EntityType } from '../../domain/history.js';
import type { Instant } from '../../kernel/time.js';
import type { LifecycleEffect } from '../../lifecycle/effects.js';
import { merged } from '../../kernel/merged.js';
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
  const base = {
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
  const out: DomainEventDraft[] = [];
  // merged, not a spread: see kernel/merged.ts (the feed store reads every field of each event).
  if (c.deleted) out.push(merged(base, { type: 'record.deleted' as const, meta: c.meta }));
  else
    out.push(
      merged(base, {
        type: c.created ? ('record.created' as const) : ('record.changed' as const),
        changes: c.changes,
        meta: c.meta,
      }),
    );
  const effects = c.meta?.effects;
  if (Array.isArray(effects)) {
    for (const effect of effects as LifecycleEffect[])
      out.push(merged(base, { type: 'lifecycle.effect' as const, effect }));
  }
  return out;
}
