import type { Instant } from '../kernel/time.js';

export type EntityType =
  | 'user'
  | 'account'
  | 'contact'
  | 'product'
  | 'lead'
  | 'opportunity'
  | 'order'
  | 'service_case'
  | 'activity'
  | 'demo_loan'
  | 'cost'
  | 'quota'
  | 'reminder';

/** One entry of the append-only change log, written in the same transaction as the change. */
export interface HistoryEvent {
  tenantId: string;
  /** Monotonic per tenant; orders events that share a timestamp. */
  seq: number;
  entityType: EntityType;
  entityId: string;
  /** What happened, in the domain's words: `lead.captured`, `opportunity.stage_changed`, … */
  event: string;
  actorId: string;
  at: Instant;
  /** The record version this event produced. */
  version: number;
  /** The fields that changed: before → after (null before on creation). */
  changes: Record<string, { from: unknown; to: unknown }>;
  /** Extra context (e.g. the reason for a loss, the transfer batch id). */
  meta: Record<string, unknown> | null;
}
