import type { Clock } from '../../kernel/ports.js';
import { OrgCache } from '../../service/context.js';
import type { DispatcherBase } from '../../service/dispatch-round.js';
import { type DeliveryContext, escalationDeliveryKey } from './delivery-key.js';
import { type EscalationRoute, routeEscalation } from './escalation-route.js';
import { type DispatchRound, emptyDispatchRound, fencedRounds } from './fenced-dispatch.js';
import { defaultReminderConfig } from './reminder-config.js';
import type { Reminder } from './stored-reminder.js';

/** A reminder that stayed unacknowledged past its escalation instant, and who must hear of it. */
export interface Escalation extends EscalationRoute {
  reminder: Reminder;
}

export interface EscalationDispatcherOptions extends DispatcherBase {
  /**
   * Tells `escalation.to` (and, if you wish, the rest of `escalation.chain`) that the reminder is
   * slipping. A rejection leaves it claimed; it is retried after the lease with the same
   * `delivery.idempotencyKey`, which the receiver uses to drop a repeat.
   */
  deliver: (escalation: Escalation, delivery: DeliveryContext) => Promise<void>;
  clock: Clock;
}

export interface EscalationRound extends DispatchRound {
  /**
   * Escalations with no one to tell (no active manager above the owner, no active admin): marked
   * without a delivery, and counted in `delivered` too (which counts marks).
   */
  unrouted: number;
}

export interface EscalationDispatcher {
  /** One round over every tenant: claim ≤ batchSize escalations each, deliver, mark escalated. */
  runOnce(): Promise<EscalationRound>;
}

/**
 * Pushes escalations — reminders still unacknowledged at their `escalateAt` — to the managers above
 * the owner, exactly as `createReminderDispatcher` pushes reminders to their owners: leased per
 * reminder (`claimEscalations`, PostgreSQL `FOR UPDATE SKIP LOCKED`), delivered outside any
 * transaction, marked `escalatedAt` by the holder of the current fence only (`markEscalated`).
 *
 * **Who hears.** `escalation.to` is the owner's nearest active manager (a departed manager is
 * skipped for the one above); `escalation.chain` lists every active manager above the owner, nearest
 * first — everyone whose `crm.reminders.escalations` shows the reminder — for a handler that copies
 * the level above. An owner at the top of the reporting tree is escalated to the tenant's active
 * admins. With no one at all the reminder is marked escalated without a delivery (`unrouted`).
 *
 * **At most once.** A reminder acknowledged before its escalation instant is never claimed, and one
 * escalated is never claimed again (until a new occurrence — a rescheduled follow-up, a new owner —
 * resets `escalatedAt`). A dispatcher whose lease ran out while it delivered cannot mark; the
 * dispatcher that took over delivers with the same `delivery.idempotencyKey` and a higher
 * `delivery.fence`, so a receiver that drops a key it has seen (or a fence lower than the highest it
 * has seen for that key) tells the manager once. Acknowledging after the claim but before the
 * delivery cannot stop a delivery already under way.
 *
 * @example
 * ```ts
 * const escalator = createEscalationDispatcher({
 *   storage, tenants: 'all', workerId: `web-${process.pid}`, clock: systemClock,
 *   deliver: ({ reminder, to }, { idempotencyKey }) =>
 *     wecom.send(to, `${reminder.message} (slipping)`, { msgId: idempotencyKey }),
 * });
 * setInterval(() => void escalator.runOnce(), 60_000);
 * ```
 */
export function createEscalationDispatcher(options: EscalationDispatcherOptions): EscalationDispatcher {
  const { workerId, deliver, clock } = options;
  // The org chart of each tenant, re-read only when its org stamp moves.
  const charts = new Map<string, OrgCache>();
  const chartOf = (tenantId: string) => {
    const cached = charts.get(tenantId);
    if (cached !== undefined) return cached;
    const cache = new OrgCache();
    charts.set(tenantId, cache);
    return cache;
  };
  const newRound = (): EscalationRound => ({ ...emptyDispatchRound(), unrouted: 0 });
  const runOnce = fencedRounds(options, newRound, (tenantId, round, { batchSize, leaseMs }) => ({
    claim: async (tx) => {
      const claims = await tx.reminders.claimEscalations(workerId, clock.now(), batchSize, leaseMs);
      if (claims.length === 0) return [];
      // Routed in the claim's transaction: the chart is the one in force when it was claimed.
      // Only the chart is used here; the reminder rules that come with it are the built-in ones.
      const { org } = await chartOf(tenantId).load(tx, { reminders: defaultReminderConfig });
      return claims.map((claim) => ({ claim, route: routeEscalation(org, claim.reminder.userId) }));
    },
    deliver: async ({ claim, route }) => {
      if (route === null) {
        round.unrouted += 1;
        return;
      }
      await deliver(
        { reminder: claim.reminder, ...route },
        { fence: claim.fence, idempotencyKey: escalationDeliveryKey(claim.reminder) },
      );
    },
    mark: (tx, claims) => tx.reminders.markEscalated(claims, clock.now()),
  }));
  return { runOnce };
}
