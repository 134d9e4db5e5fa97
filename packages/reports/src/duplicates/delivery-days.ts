import { termFrequencyShift } from './term-frequency.js';

/**
 * "Delivered on the same day" read against how common that day is (Splink's term-frequency
 * adjustment, on the delivery date). A tenant's u of the level is an average over its days, and
 * where deals bunch on a few days — month- and quarter-ends — those days set it: on the probe
 * tenant (`bench/duplicates-probe.ts`, 10k) 29 % of the deals are due on a month's last day, two
 * random deals share a day six times as often as with days spread evenly, and "the same day"
 * weighed less than "within a week" (0.52 against 2.10 bits). One customer's copy due on an
 * ordinary day was then read as lightly as two customers' orders due on 31 December.
 *
 * So the level's u is moved for the day the pair shares: u(d) = u × p(d) / Σ p(e)², p(d) the
 * share of the tenant's deals due on day d (the other deals, the pair left out), Σ p(e)² the
 * chance two random deals share a day — the level's u is the mean of p(d) over pairs sharing one.
 * The counts per day are taken when the weights are estimated and stored with them, so the scan and
 * the stored-key check weigh alike; an estimate made before them keeps the level's u alone.
 */

/** The tenant's deals by delivery day, as counted when its weights were estimated. */
export interface DeliveryDayFigures {
  /** Deals with a delivery day. */
  deals: number;
  /** Per day number (`dayNumber`) holding two deals or more: how many deals are due that day. */
  byDay: Readonly<Record<string, number>>;
}

/**
 * Pseudo-deals a day's share is shrunk with towards the share of a random pair's shared day
 * (Σ p²): a day a few deals are due on says little of itself, as a kit few deals hold (`kit-repeats.ts`).
 */
const DAY_PSEUDO = 100;

/** What the shift of one pair's shared day was read from: for the weight and its explanation. */
export interface SharedDay {
  /** Bits "the same day" moves from the level's weight: log2(Σ p² / p(d)), bounded. */
  shift: number;
  /** The tenant's deals due that day (the pair included), and its deals with a delivery day. */
  due: number;
  deals: number;
}

/** The tenant's delivery-day counts from its deals' days (null: none). */
export function deliveryDayFigures(days: Iterable<number | null>): DeliveryDayFigures {
  const counts = new Map<number, number>();
  let deals = 0;
  for (const day of days) {
    if (day === null) continue;
    deals++;
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  const byDay: Record<string, number> = {};
  // A day one deal is due on cannot be shared by a pair: it is read as "no other deal that day".
  for (const [day, count] of [...counts].sort(([a], [b]) => a - b)) if (count >= 2) byDay[day] = count;
  return { deals, byDay };
}

/** Σ p² of each stored figure, worked out once per figures object. */
const SHARED_CHANCE = new WeakMap<DeliveryDayFigures, number>();

/** The chance two of the tenant's deals, drawn at random, are due on one day: Σ p(d)². */
function sharedDayChance(figures: DeliveryDayFigures): number {
  let chance = SHARED_CHANCE.get(figures);
  if (chance === undefined) {
    let sum = 0;
    const n = Math.max(1, figures.deals);
    for (const count of Object.values(figures.byDay)) sum += (count / n) ** 2;
    chance = sum;
    SHARED_CHANCE.set(figures, chance);
  }
  return chance;
}

/** How "the same day" on day `day` is read against the tenant's days, or null without figures. */
export function sharedDay(figures: DeliveryDayFigures | undefined, day: number): SharedDay | null {
  if (figures === undefined || figures.deals < 3) return null;
  const chance = sharedDayChance(figures);
  if (chance <= 0) return null;
  // A pair sharing the day has one order due on it at least: its copies counted once (`engine.ts`).
  const due = Object.hasOwn(figures.byDay, day) ? (figures.byDay[day] as number) : 1;
  return { shift: termFrequencyShift(chance, due, figures.deals, DAY_PSEUDO), due, deals: figures.deals };
}

/** Whether a stored document holds usable day counts (an older or foreign shape is ignored). */
export function isDeliveryDayFigures(doc: unknown): doc is DeliveryDayFigures {
  if (typeof doc !== 'object' || doc === null) return false;
  const d = doc as Partial<DeliveryDayFigures>;
  if (typeof d.deals !== 'number' || !Number.isFinite(d.deals) || d.deals < 0) return false;
  if (typeof d.byDay !== 'object' || d.byDay === null || Array.isArray(d.byDay)) return false;
  return Object.values(d.byDay).every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0);
}
