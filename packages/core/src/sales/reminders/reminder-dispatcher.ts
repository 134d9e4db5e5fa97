import type { Clock } from '../../kernel/ports.js';
import type { DispatcherBase } from '../../service/dispatch-round.js';
import { type DeliveryContext, reminderDeliveryKey } from './delivery-key.js';
import { type DispatchRound, emptyDispatchRound, fencedRounds } from './fenced-dispatch.js';
import type { Reminder } from './stored-reminder.js';

export interface ReminderDispatcherOptions extends DispatcherBase {
  /**
   * Sends one reminder (push, e-mail, IM). A rejection leaves it claimed; it is retried after the
   * lease. `delivery.idempotencyKey` is the same for every attempt at this reminder occurrence:
   * pass it to the receiver (or check it yourself) so that a repeat is dropped.
   */
  deliver: (reminder: Reminder, delivery: DeliveryContext) => Promise<void>;
  clock: Clock;
}

export interface ReminderDispatcher {
  /** One round over every tenant: claim ≤ batchSize each, deliver, mark delivered. */
  runOnce(): Promise<DispatchRound>;
}

/**
 * Delivers due reminders across any number of app servers sharing one database: each reminder is
 * leased (`claimDue`) before it is delivered and marked after (`markDelivered`), so two
 * dispatchers never hold it at once, and a crashed dispatcher's lease simply runs out.
 *
 * **Fencing.** A lease can run out while its holder is still delivering (a slow push, a paused
 * process); another dispatcher then claims the reminder and delivers it too. Two things keep that
 * from becoming a second *effective* delivery:
 * - every claim carries the next number of the reminder's fence (`delivery.fence`), and only the
 *   claim holding the current number can mark the reminder delivered — the overtaken dispatcher's
 *   mark is refused and counted in `lostLease`;
 * - both deliveries carry the same `delivery.idempotencyKey` (one per reminder occurrence). The
 *   handler passes it to the receiver as its idempotency key (WeCom/DingTalk message id, an
 *   `Idempotency-Key` header, the primary key of an outbox row), or records the keys it has sent
 *   and skips a key it has already sent. The receiver may also keep the highest fence per key and
 *   refuse a lower one.
 * A new occurrence (the follow-up rescheduled, a new owner) has a new key and is delivered afresh.
 *
 * Fair across tenants: a round visits every tenant and claims at most `batchSize` from each, and
 * the tenant that goes first rotates from round to round — a tenant with 5,000 due reminders gets
 * `batchSize` of them per round while a small tenant's few are all delivered in the same round.
 *
 * @example
 * ```ts
 * const dispatcher = createReminderDispatcher({
 *   storage, tenants: 'all', workerId: `web-${process.pid}`, clock: systemClock,
 *   // push to the salesperson's WeCom, in their language (r.message is the stored English text);
 *   // the key makes a repeat after a lost lease a no-op at the receiver
 *   deliver: (r, { idempotencyKey }) =>
 *     wecom.send(r.userId, crm.say(reminderMessage(r), localeOf(r.userId)), { msgId: idempotencyKey }),
 * });
 * setInterval(() => void dispatcher.runOnce(), 30_000);
 * ```
 */
export function createReminderDispatcher(options: ReminderDispatcherOptions): ReminderDispatcher {
  const { workerId, deliver, clock } = options;
  const runOnce = fencedRounds(options, emptyDispatchRound, (_, __, { batchSize, leaseMs }) => ({
    claim: async (tx) =>
      (await tx.reminders.claimDue(workerId, clock.now(), batchSize, leaseMs)).map((claim) => ({ claim })),
    deliver: ({ claim }) =>
      deliver(claim.reminder, { fence: claim.fence, idempotencyKey: reminderDeliveryKey(claim.reminder) }),
    mark: (tx, claims) => tx.reminders.markDelivered(claims, clock.now()),
  }));
  return { runOnce };
}
