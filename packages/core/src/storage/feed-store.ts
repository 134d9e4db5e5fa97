import type { Instant } from '../kernel/time.js';
import type { DomainEvent, DomainEventDraft } from '../sales/events/domain-event.js';
import type { RowScope } from './scope.js';

/** A handler's place in one tenant's feed, as a dispatcher claimed it. */
export interface FeedClaim {
  handler: string;
  /** The seq of the last event the handler settled (0: none yet). */
  position: number;
  /** Failed attempts at the event after `position`. */
  attempts: number;
  /** Bumped on every claim: settling with an older number is refused (the lease was taken over). */
  claimNo: number;
  /** The events after `position`, oldest first. */
  events: DomainEvent[];
}

/** How a claimed batch ended. */
export interface FeedSettlement {
  handler: string;
  claimNo: number;
  /** The last seq handled (or dead-lettered): the new position. */
  position: number;
  /** Failed attempts now standing at the event after `position` (0 after success). */
  attempts: number;
  /** When the handler may be claimed again (a backoff after a failure); null: at once. */
  retryAt: Instant | null;
  lastError: string | null;
  /** An event given up on after too many failures, stored with its error. */
  deadLetter?: { seq: number; attempts: number; error: string };
}

/**
 * The tenant's change feed: an outbox written in the command's own transaction.
 *
 * - `append` MUST number the events gaplessly per tenant in COMMIT order: a reader that has seen
 *   seq n will never later find a newly committed event with a seq ≤ n (PostgreSQL: the number is
 *   drawn from a per-tenant head row locked until commit; SQLite: under the write lock).
 * - `since` MUST apply `scope` in the database to the owner and team each event was written with,
 *   widened as the records' own lists are: a customer's events to the teams of the deals on it, an
 *   activity's to whoever now reads the contact, order or service case it is about.
 * - `claim` MUST lease (tenant, handler) to one worker at a time (PostgreSQL `FOR UPDATE SKIP
 *   LOCKED`); a lease that ran out may be taken over. It creates the handler's cursor on first use.
 * - `settle` MUST change nothing and return false unless the claim is still the current one.
 */
export interface FeedStore {
  append(events: readonly DomainEventDraft[]): Promise<void>;
  since(scope: RowScope, afterSeq: number, limit: number): Promise<DomainEvent[]>;
  claim(
    handler: string,
    workerId: string,
    now: Instant,
    leaseMs: number,
    limit: number,
  ): Promise<FeedClaim | null>;
  settle(settlement: FeedSettlement, now: Instant): Promise<boolean>;
  /** Events given up on by `handler`, oldest first. */
  deadLetters(handler: string): Promise<{ seq: number; attempts: number; error: string; at: Instant }[]>;
}
