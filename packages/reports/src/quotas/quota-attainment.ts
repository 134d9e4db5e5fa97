import {
  type ActorRef,
  type CommandContext,
  type Crm,
  type Money,
  type Opportunity,
  type Order,
  type OrderStatus,
  parseInput,
  periodRange,
  type Quota,
  type QuotaPeriod,
  quotaPeriodSchema,
  scanAll,
  shiftCalendarDate,
} from '@gongfu/core';
import { askTogether } from '../shared/ask-together.js';
import { instantRange } from '../shared/period.js';

/** Orders that count as won business: booked and not cancelled (a draft is not yet a sale). */
export const BOOKED_ORDER_STATUSES: readonly OrderStatus[] = [
  'confirmed',
  'partially_shipped',
  'shipped',
  'delivered',
  'closed',
];

export interface AttainmentOptions {
  period: QuotaPeriod | string;
  /** Only these people's quotas (default: every quota the reader may see for the period). */
  userId?: string | readonly string[];
}

/** One quota measured against what was won in its period, and what the open pipeline promises. */
export interface AttainmentRow {
  quota: Quota;
  /** The person's name, or "<name>'s team" for a team quota. */
  label: string;
  target: Money;
  /** Booked orders created in the period by the people the quota covers, in the target's currency. */
  won: Money;
  /** won ÷ target. */
  attainment: number;
  /** Σ amount × probability of open deals expected to close in the period, in the target's currency. */
  openWeighted: Money;
  /** won + openWeighted ÷ target: where the period is heading. */
  forecastAttainment: number;
  /** What is still missing to reach the target (0 once reached). */
  gap: Money;
  orders: number;
  /** Orders of the period in another currency, left out of `won` rather than converted at a guess. */
  otherCurrencyOrders: number;
}

/**
 * Quota attainment (完成率) for the quotas the reader may see, from the orders and deals the reader
 * may see: a manager sees their people's figures; a salesperson their own. A person's quota counts
 * their own orders; a team quota the manager's and everyone's below them.
 */
export async function quotaAttainment(
  crm: Crm,
  actor: ActorRef,
  options: AttainmentOptions,
): Promise<AttainmentRow[]> {
  const period = parseInput(quotaPeriodSchema, options.period);
  const userIds = options.userId === undefined ? undefined : [options.userId].flat();
  return crm.runAs(actor, (ctx) => attainmentIn(ctx, period, userIds));
}

/** `quotaAttainment` inside a transaction the caller holds (the morning review reads it with its day). */
export async function attainmentIn(
  ctx: CommandContext,
  period: QuotaPeriod,
  userIds?: readonly string[],
): Promise<AttainmentRow[]> {
  const quotas = await scanAll(
    ctx.tx.quotas,
    { period: [period], ...(userIds ? { userId: [...userIds] } : {}) },
    ctx.scope(),
  );
  if (quotas.length === 0) return [];
  const days = periodRange(period);
  const range = instantRange({ from: days.from, to: shiftCalendarDate(days.to, -1) }, ctx.settings.timeZone);
  // Orders and deals asked for together (one round trip on PostgreSQL).
  const [booked, open] = await askTogether([
    scanAll(ctx.tx.orders, { status: [...BOOKED_ORDER_STATUSES] }, ctx.scope()),
    scanAll(ctx.tx.opportunities, { open: true }, ctx.scope()),
  ]);
  const orders = booked.filter(
    (o) => (!range.from || o.createdAt >= range.from) && (!range.to || o.createdAt < range.to),
  );
  const deals = open.filter(
    (d) => d.expectedClose !== null && d.expectedClose >= days.from && d.expectedClose < days.to,
  );
  return quotas
    .map((quota) => measure(ctx, quota, orders, deals))
    .sort((a, b) => a.label.localeCompare(b.label) || a.quota.id.localeCompare(b.quota.id));
}

function measure(
  ctx: CommandContext,
  quota: Quota,
  orders: readonly Order[],
  deals: readonly Opportunity[],
): AttainmentRow {
  const covers = (ownerId: string) =>
    ownerId === quota.userId || (quota.scope === 'team' && ctx.org.isAbove(quota.userId, ownerId));
  const inChannel = (channel: string) => quota.channel === null || quota.channel === channel;
  const currency = quota.target.currency;
  const mine = orders.filter((o) => covers(o.ownerId) && inChannel(o.channel));
  const counted = mine.filter((o) => o.amount.currency === currency);
  const won = counted.reduce((sum, o) => sum + o.amount.amount, 0);
  const openWeighted = deals
    .filter((d) => covers(d.ownerId) && inChannel(d.channel) && d.amount.currency === currency)
    .reduce((sum, d) => sum + Math.round((d.amount.amount * d.probability) / 100), 0);
  const target = quota.target.amount;
  const name = ctx.userName(quota.userId);
  return {
    quota,
    label: quota.scope === 'team' ? `${name}'s team` : name,
    target: quota.target,
    won: { amount: won, currency },
    attainment: won / target,
    openWeighted: { amount: openWeighted, currency },
    forecastAttainment: (won + openWeighted) / target,
    gap: { amount: Math.max(0, target - won), currency },
    orders: counted.length,
    otherCurrencyOrders: mine.length - counted.length,
  };
}
