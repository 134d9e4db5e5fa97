import type { DeliveryContext, Escalation } from '@gongfu/core';

/** One delivery as the receiver saw it. */
export interface Received {
  worker: string;
  reminderId: string;
  to: string;
  delivery: DeliveryContext;
}

/** A promise with its resolve and reject at hand. */
export interface Gate {
  promise: Promise<void>;
  open(): void;
  fail(error: Error): void;
}

export function gate(): Gate {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

/**
 * An escalation handler that records every delivery it is handed in `log`; after `hangAfter`
 * deliveries it hangs for good (a server killed mid-batch: the receiver got the message, the mark
 * never comes).
 */
export function escalationRecorder(
  worker: string,
  log: Received[],
  hangAfter = Number.POSITIVE_INFINITY,
): (escalation: Escalation, delivery: DeliveryContext) => Promise<void> {
  let n = 0;
  return async (escalation, delivery) => {
    log.push({ worker, reminderId: escalation.reminder.id, to: escalation.to, delivery });
    if (n++ >= hangAfter) await new Promise(() => {});
  };
}

/** The first delivery of each idempotency key: what a receiver that drops repeats acts on. */
export function effective(log: readonly Received[]): Map<string, Received> {
  const first = new Map<string, Received>();
  for (const r of log) if (!first.has(r.delivery.idempotencyKey)) first.set(r.delivery.idempotencyKey, r);
  return first;
}
