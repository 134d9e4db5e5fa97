import { type DispatcherBase, dispatcherLimits, tenantRotation } from '../../service/dispatch-round.js';
import type { CrmStorage, StorageTx } from '../../storage/crm-storage.js';
import type { ReminderClaim } from '../../storage/repositories.js';

export interface DispatchFailure {
  tenantId: string;
  reminderId: string;
  error: unknown;
}

/** What one round did. */
export interface DispatchRound {
  claimed: number;
  delivered: number;
  /** Deliveries that rejected; they stay claimed and are retried once the lease runs out. */
  failed: DispatchFailure[];
  /**
   * Delivered, but the claim was taken over meanwhile (leaseMs shorter than a delivery): not marked
   * by this dispatcher. The new holder delivers again with the same idempotency key.
   */
  lostLease: number;
  /** Reminders claimed per tenant this round. */
  perTenant: Record<string, number>;
}

export const emptyDispatchRound = (): DispatchRound => ({
  claimed: 0,
  delivered: 0,
  failed: [],
  lostLease: 0,
  perTenant: {},
});

/** One tenant's turn of a fenced dispatch: what to claim, how to deliver one, how to mark. */
export interface FencedTurn<T extends { claim: ReminderClaim }> {
  claim(tx: StorageTx): Promise<T[]>;
  deliver(item: T): Promise<void>;
  /** Marks done those claims whose fence is still current; returns the ids marked. */
  mark(tx: StorageTx, claims: ReminderClaim[]): Promise<string[]>;
}

/**
 * Claims (one transaction), delivers every claimed item at once, then marks the delivered ones in
 * a second transaction — the delivery is outside any transaction, so a slow receiver holds no lock.
 * A rejected delivery stays claimed until its lease runs out and is retried by whoever claims next.
 */
export async function serveFencedTurn<T extends { claim: ReminderClaim }>(
  storage: CrmStorage,
  tenantId: string,
  round: DispatchRound,
  turn: FencedTurn<T>,
): Promise<void> {
  const items = await storage.transaction({ tenantId }, (tx) => turn.claim(tx));
  round.perTenant[tenantId] = items.length;
  if (items.length === 0) return;
  round.claimed += items.length;
  const outcomes = await Promise.allSettled(items.map((item) => turn.deliver(item)));
  const sent: ReminderClaim[] = [];
  outcomes.forEach((outcome, i) => {
    const { claim } = items[i] as T;
    if (outcome.status === 'fulfilled') sent.push(claim);
    else round.failed.push({ tenantId, reminderId: claim.reminder.id, error: outcome.reason });
  });
  if (sent.length === 0) return;
  const marked = await storage.transaction({ tenantId }, (tx) => turn.mark(tx, sent));
  round.delivered += marked.length;
  round.lostLease += sent.length - marked.length;
}

/**
 * A dispatcher's `runOnce`: every tenant in rotating order, one fenced turn each. `turnOf` builds
 * the turn of one tenant from the checked limits (and may count into its round).
 */
export function fencedRounds<R extends DispatchRound, T extends { claim: ReminderClaim }>(
  options: DispatcherBase,
  newRound: () => R,
  turnOf: (tenantId: string, round: R, limits: { batchSize: number; leaseMs: number }) => FencedTurn<T>,
): () => Promise<R> {
  const limits = dispatcherLimits(options);
  const roundTenants = tenantRotation(options);
  return async () => {
    const round = newRound();
    for (const tenantId of await roundTenants()) {
      await serveFencedTurn(options.storage, tenantId, round, turnOf(tenantId, round, limits));
    }
    return round;
  };
}
