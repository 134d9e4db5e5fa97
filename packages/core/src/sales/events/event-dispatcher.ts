import { fieldIssue, ValidationError } from '../../kernel/errors.js';
import type { Clock } from '../../kernel/ports.js';
import type { Instant } from '../../kernel/time.js';
import { dispatcherLimits, positiveInt, tenantRotation } from '../../service/dispatch-round.js';
import type { CrmStorage } from '../../storage/crm-storage.js';
import type { FeedClaim, FeedSettlement } from '../../storage/feed-store.js';
import type { DomainEvent } from './domain-event.js';
import { sayEvent } from './event-messages.js';

/**
 * Receives the feed's events one at a time, in feed order. Delivery is at least once: after a crash
 * or a lost lease an event comes again with the same `event.key`, so a handler that writes
 * somewhere de-duplicates by that key (the idempotency key of the delivery).
 */
export interface EventHandler {
  /** Names the handler's durable cursor: renaming it starts again from the beginning. */
  name: string;
  handle(event: DomainEvent): Promise<void>;
}

export interface EventDispatcherOptions {
  storage: CrmStorage;
  /** The tenants this dispatcher serves, or `'all'` (the tenant list is re-read every round). */
  tenants: readonly string[] | 'all';
  handlers: readonly EventHandler[];
  /** Unique per process: leases are held in this name. */
  workerId: string;
  clock: Clock;
  /** The most events one handler takes from ONE tenant per round (default 100): the fairness cap. */
  batchSize?: number;
  /** How long a lease holds before another dispatcher may take the batch over (default 60 s). */
  leaseMs?: number;
  /** Failures of one event before it is dead-lettered and the handler moves past it (default 8). */
  maxAttempts?: number;
  /** The wait before retry n (1-based): default 1 s doubling, at most 10 min. */
  backoffMs?: (attempt: number) => number;
}

export interface EventDispatchFailure {
  tenantId: string;
  handler: string;
  seq: number;
  error: unknown;
  /** True when this failure was the last allowed: the event is dead-lettered. */
  deadLettered: boolean;
}

/** What one round did. */
export interface EventDispatchRound {
  /** Batches leased (one per tenant and handler with something new). */
  claimed: number;
  /** Events a handler accepted. */
  delivered: number;
  failed: EventDispatchFailure[];
  /** Batches whose lease had been taken over before they were settled (leaseMs too short). */
  lostLease: number;
  /** Events delivered per tenant this round. */
  perTenant: Record<string, number>;
}

export interface EventDispatcher {
  /** One round over every tenant and handler: lease ≤ batchSize events each, deliver in order, settle. */
  runOnce(): Promise<EventDispatchRound>;
  /** The events `handler` gave up on in `tenantId`, oldest first, with the last error. */
  deadLetters(tenantId: string, handler: string): Promise<DeadLetter[]>;
}

/** An event a handler failed `maxAttempts` times; the handler moved past it. */
export interface DeadLetter {
  seq: number;
  attempts: number;
  error: string;
  at: Instant;
}

export const defaultEventBackoff = (attempt: number): number => Math.min(1000 * 2 ** (attempt - 1), 600_000);

const plus = (at: Instant, ms: number) => new Date(Date.parse(at) + ms).toISOString() as Instant;
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

/**
 * Pushes the change feed to handlers across any number of app servers sharing one database. Each
 * handler keeps a durable cursor per tenant; a dispatcher leases (tenant, handler) before it
 * delivers (PostgreSQL `FOR UPDATE SKIP LOCKED`, so dispatchers pass one another by), delivers the
 * batch in feed order and moves the cursor in the same step that releases the lease. One lease at
 * a time per (tenant, handler) keeps each handler's events in order per record; a dispatcher that
 * dies mid-batch simply lets its lease run out, and the next one starts again after the cursor.
 *
 * A failing event stops the batch there: the cursor stays before it and the handler is retried
 * after a backoff; after `maxAttempts` failures the event is dead-lettered (`tx.feed.deadLetters`)
 * and the handler moves on. Fair across tenants: every round visits every tenant, takes at most
 * `batchSize` from each, and the first tenant rotates.
 *
 * @example
 * ```ts
 * const dispatcher = createEventDispatcher({
 *   storage, tenants: 'all', workerId: `web-${process.pid}`, clock: systemClock,
 *   handlers: [webhookHandler({ name: 'erp', url: 'https://erp.example.com/hooks/gongfu', secret })],
 * });
 * setInterval(() => void dispatcher.runOnce(), 1_000);
 * ```
 */
export function createEventDispatcher(options: EventDispatcherOptions): EventDispatcher {
  const { batchSize, leaseMs } = dispatcherLimits(options);
  const maxAttempts = positiveInt(options.maxAttempts ?? 8, 'maxAttempts');
  const backoff = options.backoffMs ?? defaultEventBackoff;
  const names = options.handlers.map((h) => h.name);
  if (names.some((n) => n.length === 0) || new Set(names).size !== names.length) {
    throw new ValidationError([fieldIssue('handlers', sayEvent('event.invalid.handlers'))]);
  }
  const { storage, workerId, clock } = options;
  const roundTenants = tenantRotation(options);

  /** Delivers the claimed events in order until one fails; says how the batch ended. */
  async function deliver(
    tenantId: string,
    handler: EventHandler,
    claim: FeedClaim,
    round: EventDispatchRound,
  ): Promise<FeedSettlement> {
    let position = claim.position;
    for (const event of claim.events) {
      try {
        await handler.handle(event);
      } catch (error) {
        const attempts = claim.attempts + 1;
        const deadLettered = attempts >= maxAttempts;
        round.failed.push({ tenantId, handler: handler.name, seq: event.seq, error, deadLettered });
        const base = { handler: handler.name, claimNo: claim.claimNo, lastError: describe(error) };
        if (deadLettered) {
          return {
            ...base,
            position: event.seq,
            attempts: 0,
            retryAt: null,
            deadLetter: { seq: event.seq, attempts, error: describe(error) },
          };
        }
        return { ...base, position, attempts, retryAt: plus(clock.now(), backoff(attempts)) };
      }
      position = event.seq;
      round.delivered += 1;
      round.perTenant[tenantId] = (round.perTenant[tenantId] ?? 0) + 1;
      claim = { ...claim, attempts: 0 };
    }
    return {
      handler: handler.name,
      claimNo: claim.claimNo,
      position,
      attempts: 0,
      retryAt: null,
      lastError: null,
    };
  }

  async function serve(tenantId: string, handler: EventHandler, round: EventDispatchRound): Promise<void> {
    const claim = await storage.transaction({ tenantId }, (tx) =>
      tx.feed.claim(handler.name, workerId, clock.now(), leaseMs, batchSize),
    );
    if (claim === null) return;
    round.claimed += 1;
    const settlement = await deliver(tenantId, handler, claim, round);
    const kept = await storage.transaction({ tenantId }, (tx) => tx.feed.settle(settlement, clock.now()));
    if (!kept) round.lostLease += 1;
  }

  return {
    async runOnce() {
      const round: EventDispatchRound = { claimed: 0, delivered: 0, failed: [], lostLease: 0, perTenant: {} };
      for (const tenantId of await roundTenants()) {
        for (const handler of options.handlers) await serve(tenantId, handler, round);
      }
      return round;
    },
    deadLetters: (tenantId, handler) => storage.read({ tenantId }, (tx) => tx.feed.deadLetters(handler)),
  };
}
