import type { PreparedDeal } from './prepared-deal.js';
import { termFrequencyShift } from './term-frequency.js';

/**
 * "The same end customer" read against how common that end customer is among the tenant's deals
 * (Splink's term-frequency adjustment, on the end customer). A distributor's integrators bid for
 * the tenders of a province's big hospitals and bureaus again and again: on generator 2 at 30k, 8.5 %
 * of the candidate pairs of two customers that both name an end customer name the same one, and
 * read by the level alone each of those pairs took the +6 bits one tender's two bids take. A
 * common end customer is weak evidence that two bids are one, a rare one strong.
 *
 * So the level is moved by the end customer the pair shares: log2(Σ p² / p(v)) (`term-frequency.ts`),
 * p(v) the share of the tenant's other deals naming it, Σ p² the chance two of its deals naming an
 * end customer name one. Only "the same" is moved, as Splink's comparison library adjusts only a
 * comparison's exact level: how many deals name a name says nothing of how many name one alike (on
 * generator 2 at 30k, moving "similar" by the commoner name too proposed 17 more pairs, 15 of them
 * false, and lost story F1, .905 → .904). The counts are taken when the weights are estimated and stored with
 * them, so the scan and the stored-key check weigh alike; an estimate made before them reads the
 * level alone.
 */

/** The tenant's deals by end customer, as counted when its weights were estimated. */
export interface EndCustomerFigures {
  /** Deals naming an end customer (a linked account or a name). */
  deals: number;
  /**
   * The chance two of those deals, drawn at random, name one end customer: Σ c(c − 1) / (n(n − 1))
   * over each deal's end customer as pairs compare it (its linked account, else its name).
   */
  chance: number;
  /** Per end customer two deals or more name (`accountKey` or the name as prepared): how many do. */
  byName: Readonly<Record<string, number>>;
}

/**
 * Pseudo-deals a name's share is shrunk with towards the average (as for a delivery day,
 * `delivery-days.ts`): a name a handful of deals hold says little of itself.
 */
const NAME_PSEUDO = 100;

/** An end customer as counted: a linked account by its id, a name as prepared (`normaliseFreeText`). */
const accountKey = (id: string) => `#${id}`;

/** What one pair's end customer was read with: for the weight and its explanation. */
export interface SharedEndCustomer {
  /** Bits the level moves: log2(Σ p² / p(v)), bounded. */
  shift: number;
  /** The tenant's deals naming the end customer, the pair included. */
  holders: number;
  /** The tenant's deals naming an end customer. */
  deals: number;
}

/** The tenant's end-customer counts from its deals (those naming none are left out). */
export function endCustomerFigures(deals: Iterable<PreparedDeal>): EndCustomerFigures {
  const counts = new Map<string, number>();
  const compared = new Map<string, number>();
  let n = 0;
  const count = (into: Map<string, number>, key: string) => into.set(key, (into.get(key) ?? 0) + 1);
  for (const d of deals) {
    const account = d.endCustomerAccountId === null ? null : accountKey(d.endCustomerAccountId);
    if (account === null && d.endCustomer === null) continue;
    n++;
    if (account !== null) count(counts, account);
    if (d.endCustomer !== null) count(counts, d.endCustomer);
    count(compared, account ?? (d.endCustomer as string));
  }
  let sharing = 0;
  for (const c of compared.values()) sharing += c * (c - 1);
  const byName: Record<string, number> = {};
  // A name one deal holds cannot be shared by a pair: it is read as "no other deal names it".
  for (const [key, c] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    if (c >= 2) byName[key] = c;
  const chance = n < 2 ? 0 : Math.round((sharing / (n * (n - 1))) * 1e9) / 1e9;
  return { deals: n, chance, byName };
}

/**
 * How one end customer both `x` and `y` name is read against the tenant's, or null without figures
 * (or none to read: too few deals, no two naming one end customer).
 */
export function sharedEndCustomer(
  figures: EndCustomerFigures | undefined,
  x: PreparedDeal,
  y: PreparedDeal,
): SharedEndCustomer | null {
  if (figures === undefined || figures.deals < 3 || figures.chance <= 0) return null;
  const [a, b] = [x.endCustomerAccountId, y.endCustomerAccountId];
  // Compared as `measureEndCustomer` compares them: by linked account when both have one, else by name.
  const key = a !== null && b !== null ? accountKey(a) : (x.endCustomer ?? '');
  const counted = Object.hasOwn(figures.byName, key) ? (figures.byName[key] as number) : 0;
  // The pair's own deals name it even when the figures were counted before one of them was entered.
  const holders = Math.max(2, counted);
  const shift = termFrequencyShift(figures.chance, holders, figures.deals, NAME_PSEUDO);
  return { shift, holders, deals: figures.deals };
}

/** Whether a stored document holds usable end-customer counts (an older or foreign shape is ignored). */
export function isEndCustomerFigures(doc: unknown): doc is EndCustomerFigures {
  if (typeof doc !== 'object' || doc === null) return false;
  const d = doc as Partial<EndCustomerFigures>;
  const count = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0;
  if (!count(d.deals) || !count(d.chance) || (d.chance as number) > 1) return false;
  if (typeof d.byName !== 'object' || d.byName === null || Array.isArray(d.byName)) return false;
  return Object.values(d.byName).every(count);
}
