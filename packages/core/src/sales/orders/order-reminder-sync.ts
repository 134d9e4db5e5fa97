import type { CommandContext } from '../../service/context.js';
import type { FreshOption } from '../../service/entity-kind.js';
import { scanAll } from '../../service/scan-all.js';
import { syncReminders } from '../reminders/reminder-sync.js';
import type { Order } from './order.js';
import { remindersForOrder } from './order-reminders.js';

/** The latest completed visit to the customer since delivery: the after-sales clock restarts there. */
async function lastServiceVisitAt(ctx: CommandContext, order: Order): Promise<string | null> {
  if (!order.deliveredAt) return null;
  const visits = await scanAll(ctx.tx.activities, {
    accountId: [order.accountId],
    status: ['completed'],
    kind: ['visit'],
    startAt: { from: order.deliveredAt },
  });
  let latest: string | null = null;
  for (const a of visits) if (latest === null || a.startAt > latest) latest = a.startAt;
  return latest;
}

/** Delivery and after-sales reminders of an order, recomputed after any change to it. */
export async function syncOrderReminders(
  ctx: CommandContext,
  order: Order,
  options: FreshOption,
): Promise<void> {
  const status =
    order.status === 'delivered' || order.status === 'closed' || order.status === 'cancelled'
      ? order.status
      : 'open';
  const desired = remindersForOrder(
    {
      id: order.id,
      ownerId: order.ownerId,
      channel: order.channel,
      status,
      promisedDelivery: order.promisedDelivery,
      deliveredAt: order.deliveredAt,
      lastServiceVisitAt: await lastServiceVisitAt(ctx, order),
      label: order.number,
    },
    ctx.reminders,
  );
  await syncReminders(ctx, 'order', order.id, desired, options);
}
