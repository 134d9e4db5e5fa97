import { createHash } from 'node:crypto';
import { heldPerTenant } from './per-tenant.js';
import type { DealDuplicate, DealRecord } from './types.js';
import type { DuplicateWeights } from './weights.js';

/**
 * Everything a full scan's ranked pairs follow from. Two scans with equal inputs return equal
 * pairs (the engine is deterministic, on any number of threads), so a digest of these is a safe key
 * for reusing a result: whatever changed in between — a deal edited, closed or added, an account
 * renamed, a pair resolved, the weights estimated again, another deal the tenant's statistics count
 * — changes a part and so the digest.
 */
export interface ScanInputs {
  /** Whether the actor sees the whole tenant: that scan counts its own statistics, a partial one reads them. */
  seesAll: boolean;
  /** The visible open deals, in the order they were read. */
  deals: readonly DealRecord[];
  /** Keys of the pairs a manager settled (`pairKey`), in any order. */
  resolved: Iterable<string>;
  weights: DuplicateWeights;
  /** The score floor asked for. */
  minScore: number;
  /**
   * A partial scan's stamp of the stored blocks (`DedupeKeyStore.stamp`), read before its counts and
   * block sizes: they count everyone's deals, not only the visible ones, and every write that moves
   * them gives the stamp a value never seen before.
   */
  blocksStamp?: string | null;
}

/** A digest of a scan's inputs: equal for equal inputs, different (to SHA-256's odds) otherwise. */
export function scanDigest(inputs: ScanInputs): string {
  const hash = createHash('sha256');
  hash.update(`${inputs.seesAll ? 'all' : 'part'} ${inputs.minScore}\n`);
  hash.update(`${JSON.stringify(inputs.weights)}\n`);
  hash.update(`deals ${inputs.deals.length}\n`);
  for (const deal of inputs.deals) hash.update(`${JSON.stringify(deal)}\n`);
  const resolved = [...inputs.resolved].sort();
  hash.update(`resolved ${resolved.length}\n${resolved.join('\n')}\n`);
  if (!inputs.seesAll) hash.update(`blocks ${inputs.blocksStamp ?? '-'}\n`);
  return hash.digest('base64url');
}

/** Results held per tenant: a queue being paged, and one other (a second actor's, a second floor). */
const HELD = 2;
/**
 * How long a result is held unread-or-not: a queue is paged within minutes, and a result holds the
 * statistics its pairs are explained against (at 1M deals, hundreds of megabytes) — a server that
 * scanned once should not carry them for good.
 */
export const SCAN_HELD_MS = 10 * 60_000;

/**
 * The last full scans' ranked pairs of one tenant, by the digest of their inputs. A manager pages a
 * queue of thousands of pairs; without this each page scored the tenant again (at 100k deals, tens
 * of seconds a page). Every call still reads its inputs afresh and digests them, so a page is
 * reused only when nothing it follows from has changed; otherwise the call scans as before.
 */
export class ScanMemo {
  private readonly held = new Map<string, readonly DealDuplicate[]>();

  get(digest: string): readonly DealDuplicate[] | undefined {
    const pairs = this.held.get(digest);
    if (pairs !== undefined) {
      // Most recently used last, so the oldest is the one let go.
      this.held.delete(digest);
      this.held.set(digest, pairs);
    }
    return pairs;
  }

  set(digest: string, pairs: readonly DealDuplicate[]): void {
    this.held.delete(digest);
    this.held.set(digest, pairs);
    while (this.held.size > HELD) {
      const oldest = this.held.keys().next().value as string;
      this.held.delete(oldest);
    }
    // Let go after a while, unless a later scan of the same inputs replaced it; never keeps a process alive.
    setTimeout(() => {
      if (this.held.get(digest) === pairs) this.held.delete(digest);
    }, SCAN_HELD_MS).unref();
  }

  /** Lets every held result go (the next scan scores afresh). */
  clear(): void {
    this.held.clear();
  }

  get size(): number {
    return this.held.size;
  }
}

/** The scan memo of one tenant of one storage (held as long as the storage is). */
export const scanMemoOf: (storage: object, tenantId: string) => ScanMemo = heldPerTenant(
  () => new ScanMemo(),
);
