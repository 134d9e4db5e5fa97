import { fieldIssue, ValidationError } from '../../kernel/errors.js';
import type { Clock } from '../../kernel/ports.js';
import type { CrmStorage } from '../../storage/crm-storage.js';
import { sayEvent } from '../events/event-messages.js';
import type { Reminder } from './stored-reminder.js';

export interface ReminderDispatcherOptions {
  storage: CrmStorage;
  /** The tenants this dispatcher serves, or `'all'` (the tenant list is re-read every round). */
  tenants: readonly string[] | 'all';
  /** Unique per process: claims are held in this name. */
  workerId: string;
  /** Sends one reminder (push, e-mail, IM). A rejection leaves it claimed; it is retried after the lease. */
  deliver: (reminder: Reminder) => Promise<void>;
  /** The most reminders claimed from ONE tenant per round (default 100): the fairness cap. */
  batchSize?: number;
  /** How long a claim holds before another dispatcher may take it over (default 60 s). */
  leaseMs?: number;
  clock: Clock;
}

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
  /** Delivered, but the lease had been taken over meanwhile (leaseMs shorter than a delivery). */
  lostLease: number;
  /** Reminders claimed per tenant this round. */
  perTenant: Record<string, number>;
}

export interface ReminderDispatcher {
  /** One round over every tenant: claim ≤ batchSize each, deliver, mark delivered. */
  runOnce(): Promise<DispatchRound>;
}

/**
 * Delivers due reminders exactly once across any number of app servers sharing one database: each
 * reminder is leased (`claimDue`) before it is delivered and marked after (`markDelivered`), so
 * two dispatchers never hold it at once, and a crashed dispatcher's lease simply runs out.
 *
 * Fair across tenants: a round visits every tenant and claims at most `batchSize` from each, and
 * the tenant that goes first rotates from round to round — a tenant with 5,000 due reminders gets
 * `batchSize` of them per round while a small tenant's few are all delivered in the same round.
 *
 * @example
 * ```ts
 * const dispatcher = createReminderDispatcher({
 *   storage, tenants: 'all', workerId: `web-${process.pid}`, clock: systemClock,
 *   // push to the salesperson's WeCom, in their language (r.message is the stored English text)
 *   deliver: (r) => wecom.send(r.userId, crm.say(reminderMessage(r), localeOf(r.userId))),
 * });
 * setInterval(() => void dispatcher.runOnce(), 30_000);
 * ```
 */
export function createReminderDispatcher(options: ReminderDispatcherOptions): ReminderDispatcher {
  const batchSize = options.batchSize ?? 100;
  const leaseMs = options.leaseMs ?? 60_000;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new ValidationError([
      fieldIssue('batchSize', sayEvent('dispatcher.invalid.positiveInt', { field: 'batchSize' })),
    ]);
  }
  if (!Number.isInteger(leaseMs) || leaseMs < 1) {
    throw new ValidationError([
      fieldIssue('leaseMs', sayEvent('dispatcher.invalid.positiveInt', { field: 'leaseMs' })),
    ]);
  }
  if (options.workerId.length === 0) {
    throw new ValidationError([fieldIssue('workerId', sayEvent('dispatcher.invalid.workerId'))]);
  }
  const { storage, workerId, deliver, clock } = options;
  let rotation = 0;

  async function tenantList(): Promise<string[]> {
    if (options.tenants !== 'all') return [...options.tenants];
    return (await storage.tenants.list()).map((t) => t.id);
  }

  async function serveTenant(tenantId: string, round: DispatchRound): Promise<void> {
    const claimed = await storage.transaction({ tenantId }, (tx) =>
      tx.reminders.claimDue(workerId, clock.now(), batchSize, leaseMs),
    );
    round.perTenant[tenantId] = claimed.length;
    if (claimed.length === 0) return;
    round.claimed += claimed.length;
    const outcomes = await Promise.allSettled(claimed.map((r) => deliver(r)));
    const sent: string[] = [];
    outcomes.forEach((outcome, i) => {
      const reminder = claimed[i] as Reminder;
      if (outcome.status === 'fulfilled') sent.push(reminder.id);
      else round.failed.push({ tenantId, reminderId: reminder.id, error: outcome.reason });
    });
    if (sent.length === 0) return;
    const marked = await storage.transaction({ tenantId }, (tx) =>
      tx.reminders.markDelivered(sent, workerId, clock.now()),
    );
    round.delivered += marked.length;
    round.lostLease += sent.length - marked.length;
  }

  return {
    async runOnce() {
      const tenants = await tenantList();
      const round: DispatchRound = { claimed: 0, delivered: 0, failed: [], lostLease: 0, perTenant: {} };
      if (tenants.length === 0) return round;
      const start = rotation % tenants.length;
      rotation += 1;
      for (let i = 0; i < tenants.length; i++) {
        await serveTenant(tenants[(start + i) % tenants.length] as string, round);
      }
      return round;
    },
  };
}
