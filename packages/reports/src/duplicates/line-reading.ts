import { DEFAULT_MAX_BLOCK } from './blocking.js';
import type { CorpusStats } from './corpus-stats.js';

/**
 * How the matched lines of two baskets are read, line by line, against what the tenant's own deals
 * hold (estimates with `DuplicateWeights.lineReading` 'co-occurrence'):
 *
 * - the **first** line of two baskets that otherwise differ is what put the deals in one block, so
 *   its u is among the partners a deal is compared with (`sharedLineCap`), as a standard kit's is;
 * - each **further** line is as surprising as the tenant's deals make it given the lines already
 *   matched (`togetherReading`): an accessory every holder of its device buys adds nothing, a line
 *   no other holder of the first one has adds its full surprise.
 *
 * Estimates made before it keep the hand rule (each further line at most `EXTRA_CAP` bits) and read
 * the first line against all deals, so weights stored earlier score as they did.
 */

/** Each further matched line adds at most this under the hand rule (estimates made before the co-occurrence reading). */
export const EXTRA_CAP = 1.5;

/**
 * Pseudo-holders of a line nobody but the pair holds: a line no other deal holds is not certain
 * never to recur (the kit cap's `HOLDERS_PSEUDO`).
 */
export const HOLDERS_PSEUDO = 0.1;

/** Whether these statistics and weights read lines by co-occurrence (else the hand rule). */
export function readsCoOccurrence(stats: CorpusStats): boolean {
  const w = stats.weights;
  return w.lineReading === 'co-occurrence' && w.partnersPerDeal !== undefined && stats.togetherMeasured();
}

/** Deals beyond `own` holding the item (`itemToken`). */
export function otherHolders(stats: CorpusStats, token: string, own: number): number {
  return Math.max(0, stats.itemCount(token) - own);
}

/**
 * The deals one holder of a line (or a kit) is taken to be compared with, when `others` other deals
 * hold it: the partners a deal has (`partners`: `DuplicateWeights.partnersPerDeal`, or what a pair
 * compared for another reason reads against), and at least the other holders its blocks pair it
 * with — all of them while they fit one block (they share the line's block: u < 1), but past the
 * block cap only the few that also share its province and delivery month (the block is split by
 * those, `block-keys.ts`), not all of them. That is for a pair compared for the line alone
 * (`byLine`, `metByLine`); a pair compared for a name it shares reads u < 1 as before (nothing
 * selected its province or month). So a line held by more deals than a deal is compared
 * with reads u = others / partners > 1, below 0 bits: the pair met because it shares the province
 * and the month as well, which the region and delivery weigh again among all pairs (their u are the
 * province's share and the delivery's among pairs sharing a line). Read at u = 1 instead, a line
 * 800 deals hold counted as if every holder were a partner, and two customers in one province and
 * month scored log2(holders / partners) bits too high — more the larger the tenant (bench/RESULTS.md,
 * issue 14, helper h-g2far).
 */
export function comparedHolders(partners: number, others: number, byLine: boolean): number {
  return Math.max(partners, byLine ? Math.min(others, DEFAULT_MAX_BLOCK) : others);
}

/**
 * The most the first line of two otherwise different baskets weighs: log2(m / u) with m = 1 (a deal
 * entered twice keeps the line it is found by) and u = the other holders over the deals a holder is
 * compared with (`comparedHolders`): below 0 for a line more deals hold than one is compared with
 * when the pair was compared for the line alone (`byLine`; without it, as a bound, never below 0).
 * The pair's two sides may hold the line in different bands: the more common side counts, as
 * `min(idf)` does.
 */
export function sharedLineCap(
  stats: CorpusStats,
  tokenX: string,
  tokenY: string,
  readAgainst?: number,
  byLine = false,
): SharedLine {
  return sharedLineCapOf(
    stats,
    stats.itemCount(tokenX),
    stats.itemCount(tokenY),
    tokenX === tokenY,
    readAgainst,
    byLine,
  );
}

/**
 * `sharedLineCap` from the two lines' holders (`CorpusStats.itemCount` of each token; `sameToken`:
 * one token on both sides), for a caller that has them at hand (`BasketSurprise.holders`): at a
 * million deals each count is a look-up in a map of millions, a cache miss per line.
 */
export function sharedLineCapOf(
  stats: CorpusStats,
  holdersX: number,
  holdersY: number,
  sameToken: boolean,
  readAgainst?: number,
  byLine = false,
): SharedLine {
  const own = sameToken ? 2 : 1;
  const others = Math.max(Math.max(0, holdersX - own), Math.max(0, holdersY - own));
  // `readAgainst`: the deals a pair compared for another reason is read against (`basketReadAgainst`).
  const partners = comparedHolders(readAgainst ?? stats.weights.partnersPerDeal ?? stats.n, others, byLine);
  return { others, partners, bits: Math.log2(partners / (others + HOLDERS_PSEUDO)) };
}

export interface SharedLine {
  /** Deals beyond the pair holding the line. */
  others: number;
  /** The deals one deal is taken to be compared with. */
  partners: number;
  bits: number;
}

/**
 * Bits of surprise in a deal holding a line given it holds the line `given`: −log2 P(line | given),
 * read from how many other holders of `given` hold the line too (`togetherBits`). `bothCount` /
 * `givenCount`: deals holding both / `given` (`CorpusStats.togetherCount` / `itemCount`), of them
 * `ownBoth` / `ownGiven` the pair's own (they are not others choosing it); `share`: the line's
 * overall share of deals.
 */
export function togetherReading(
  bothCount: number,
  givenCount: number,
  share: number,
  ownBoth: number,
  ownGiven: number,
): Together {
  const both = Math.max(0, bothCount - ownBoth);
  const holders = Math.max(0, givenCount - ownGiven);
  return { both, holders, bits: togetherBits(both, holders, share) };
}

export interface Together {
  /** Other holders of the line given that hold this line too. */
  both: number;
  /** Other holders of the line given. */
  holders: number;
  bits: number;
}

/**
 * −log2 P(line | given): the line's overall `share` times its lift among the `holders` of the line
 * given, observed over expected (`both` / holders × share) with one pseudo-holder of both added at
 * independence (+1 to each) — so a few holders say little either way (P stays near the share),
 * many speak for themselves (P nears both / holders: an accessory every holder of its device buys
 * adds nothing), and seeing none of them hold a line they would hold by chance less than once is no
 * evidence against it. Never below 0: a line never counts against a pair by coming with another.
 */
export function togetherBits(both: number, holders: number, share: number): number {
  const p = (share * (both + 1)) / (holders * share + 1);
  return Math.max(0, -Math.log2(Math.min(1, p)));
}

/**
 * The most `togetherReading` can give a line of `share` whose deal's other lines are held by at
 * most `holders` deals in all (no other holder holding both: `both` = 0, one of them the deal).
 */
export function togetherMost(holders: number, share: number): number {
  return togetherBits(0, Math.max(0, holders - 1), share);
}
