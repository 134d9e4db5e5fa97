import type { CandidateIndex } from './blocking.js';
import type { CorpusStats } from './corpus-stats.js';
import { copiesOfAccount } from './customer-kits.js';
import type { PreparedDeal } from './prepared-deal.js';

/**
 * "The same customer" read against the partners a deal is compared with, as the first shared line
 * and a standard kit are (`line-reading.ts`, `commonBasketCap`): the prior is per compared pair, so
 * the customer's u must be the share of a deal's compared partners that are the customer's own.
 *
 * A customer's deals are all compared with each other while its account block is within the cap:
 * then a deal of it meets its K other deals, and the weight's term frequency, log2(2.35 / K), reads
 * exactly that. A customer with more deals than the cap has its account block skipped, and a deal
 * of it meets only the few of its own deals that share a line in its province and month: read
 * against all K, "the same customer" fell by log2(K / compared) bits too many — 5 bits for a
 * customer with 340 deals of 30,000 whose deals meet about 8 of their own (bench/RESULTS.md, issue
 * 14, helper h-g2) — and a busy customer's copies ranked below 0 at every size where its deals
 * outgrow the cap (more of them the larger the tenant: the skewed customer grows with N).
 *
 * So for such a customer the estimate counts, over a sample of its deals, how many of each one's
 * candidate partners are its own (`DuplicateWeights.accountPartners`); that count stands for K.
 */

/** Deals of one busy customer whose partners are counted; enough for a mean within a few per cent. */
const SAMPLE_PER_ACCOUNT = 16;

/**
 * Per customer whose deals outnumber the block cap (its account block does not pair): how many of
 * its own other deals one deal of it is compared with, on average over a sample of its deals
 * spread evenly over them (deterministic). Customers within the cap are left out: a deal of one
 * meets all its other deals.
 */
export function accountPartnersOf(
  accounts: readonly string[],
  index: Pick<CandidateIndex, 'candidateList' | 'maxBlock'>,
): Record<string, number> {
  const deals = new Map<string, number[]>();
  for (let ordinal = 0; ordinal < accounts.length; ordinal++) {
    const id = accounts[ordinal] as string;
    const own = deals.get(id);
    if (own) own.push(ordinal);
    else deals.set(id, [ordinal]);
  }
  const counted: Record<string, number> = {};
  for (const [id, ordinals] of deals) {
    if (ordinals.length <= index.maxBlock) continue;
    const taken = Math.min(ordinals.length, SAMPLE_PER_ACCOUNT);
    let own = 0;
    for (let k = 0; k < taken; k++) {
      const ordinal = ordinals[Math.floor((k * ordinals.length) / taken)] as number;
      for (const partner of index.candidateList(ordinal)) if (accounts[partner] === id) own++;
    }
    counted[id] = Math.round((own / taken) * 100) / 100;
  }
  return counted;
}

/**
 * The other deals of this customer a deal of it is compared with: the count measured for a busy
 * customer (`accountPartnersOf`), else all its other deals (the account block pairs them all, and
 * estimates made before the count read every customer so).
 */
export function comparedOwnDeals(stats: CorpusStats, accountId: string): number {
  const measured = stats.weights.accountPartners?.[accountId];
  if (measured !== undefined) return measured;
  // Its orders, not its rows: copies of one order (one kit, one day) are one deal it re-orders with.
  const orders = stats.accountCount(accountId) - copiesOfAccount(stats.weights.kitRepeats, accountId);
  return Math.max(0, orders - 1);
}

/** Whether the customer's weight was read against its measured compared deals, not all of them. */
export function readAgainstCompared(stats: CorpusStats, accountId: string): boolean {
  return stats.weights.accountPartners?.[accountId] !== undefined;
}

/**
 * The deals a basket shared by two deals of one customer is read against: all the tenant's deals,
 * when the customer's deals are all compared with each other (its account block pairs them: they
 * are compared for being the customer's, not for the line they share, so what they share is as
 * rare as among all deals); else undefined — the partners a deal is compared with, as for two
 * customers (a busy customer's deals meet only through their lines). Estimates made before the
 * count (`DuplicateWeights.accountPartners` absent) read every pair against the partners.
 */
export function basketReadAgainst(x: PreparedDeal, y: PreparedDeal, stats: CorpusStats): number | undefined {
  const account = x.record.accountId;
  if (account !== y.record.accountId) return undefined;
  const measured = stats.weights.accountPartners;
  if (measured === undefined || measured[account] !== undefined) return undefined;
  return stats.n;
}
