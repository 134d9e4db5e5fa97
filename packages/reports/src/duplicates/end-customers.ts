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
  /** Per end customer two deals or more name (`accountKey` or the name as read, `readEndCustomer`): how many do. */
  byName: Readonly<Record<string, number>>;
  /**
   * The characters (never digits) more than half of the tenant's end-customer names hold, in code
   * point order: words nearly every name carries (采购项目, 有限公司) tell two end customers apart no
   * more than punctuation does, so names are compared, and counted in `byName` and `chance`, without
   * them (`readEndCustomer`). Absent in estimates made before it, and for a tenant with fewer than
   * `COMMON_FROM` names: names are compared as typed.
   */
  common?: string;
  /** Deals naming an end customer by name: what `common` was read from (present with it). */
  names?: number;
}

/**
 * Pseudo-deals a name's share is shrunk with towards the average (as for a delivery day,
 * `delivery-days.ts`): a name a handful of deals hold says little of itself.
 */
const NAME_PSEUDO = 100;

/** An end customer as counted: a linked account by its id, a name as read (`readEndCustomer`). */
const accountKey = (id: string) => `#${id}`;

/** Names a tenant must have before the characters most of them hold are read as common. */
export const COMMON_FROM = 20;

/** A digit is part of a year, a lot or a phase: it tells two purchases apart, however many names hold it. */
const DIGIT = /\p{Nd}/u;

/**
 * The characters more than half of `names` hold (each name counted once per character), digits
 * never; '' below `COMMON_FROM` names.
 */
export function commonCharacters(names: readonly string[]): string {
  if (names.length < COMMON_FROM) return '';
  const holders = new Map<string, number>();
  for (const name of names)
    for (const ch of new Set(name)) if (!DIGIT.test(ch)) holders.set(ch, (holders.get(ch) ?? 0) + 1);
  return [...holders]
    .filter(([, c]) => c * 2 > names.length)
    .map(([ch]) => ch)
    .sort()
    .join('');
}

/** A name without the `common` characters; the name itself when fewer than two characters would be left. */
export function withoutCommon(name: string, common: string): string {
  if (common === '') return name;
  let kept = '';
  for (const ch of name) if (!common.includes(ch)) kept += ch;
  return [...kept].length >= 2 ? kept : name;
}

/**
 * A deal's end-customer name as compared under the tenant's figures: without the characters most
 * of its names hold (`EndCustomerFigures.common`), made once per deal and set of characters.
 */
export function readEndCustomer(p: PreparedDeal, figures: EndCustomerFigures | undefined): string | null {
  const common = figures?.common ?? '';
  if (p.endCustomer === null || common === '') return p.endCustomer;
  const cached = p.endCustomerRead;
  if (cached !== undefined && cached.common === common) return cached.name;
  const name = withoutCommon(p.endCustomer, common);
  p.endCustomerRead = { common, name };
  return name;
}

/** The characters one name holds and the other lacks (all of them common when the two read alike). */
export function charactersApart(a: string, b: string): string {
  const [inA, inB] = [new Set(a), new Set(b)];
  const apart = [...inA].filter((ch) => !inB.has(ch));
  for (const ch of inB) if (!inA.has(ch)) apart.push(ch);
  return apart.join('');
}

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
  const all = [...deals];
  const names = all.flatMap((d) => (d.endCustomer === null ? [] : [d.endCustomer]));
  const common = commonCharacters(names);
  for (const d of all) {
    const account = d.endCustomerAccountId === null ? null : accountKey(d.endCustomerAccountId);
    if (account === null && d.endCustomer === null) continue;
    n++;
    const name = d.endCustomer === null ? null : withoutCommon(d.endCustomer, common);
    if (account !== null) count(counts, account);
    if (name !== null) count(counts, name);
    count(compared, account ?? (name as string));
  }
  let sharing = 0;
  for (const c of compared.values()) sharing += c * (c - 1);
  const byName: Record<string, number> = {};
  // A name one deal holds cannot be shared by a pair: it is read as "no other deal names it".
  for (const [key, c] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    if (c >= 2) byName[key] = c;
  const chance = n < 2 ? 0 : Math.round((sharing / (n * (n - 1))) * 1e9) / 1e9;
  if (common === '') return { deals: n, chance, byName };
  return { deals: n, chance, byName, common, names: names.length };
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
  const key = a !== null && b !== null ? accountKey(a) : (readEndCustomer(x, figures) ?? '');
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
  if (d.common !== undefined && typeof d.common !== 'string') return false;
  if (d.names !== undefined && !count(d.names)) return false;
  return Object.values(d.byName).every(count);
}
