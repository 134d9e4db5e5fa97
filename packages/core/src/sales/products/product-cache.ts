import type { StorageTx } from '../../storage/crm-storage.js';
import type { Product } from './product.js';

/** How many SKUs the cache holds before it starts over: a bound on memory, not a tuning knob. */
const MAX_CACHED_SKUS = 20_000;

/**
 * The catalogue entries commands look up by SKU (line checks, categories, list prices), reused
 * across commands while the storage's catalogue stamp holds: products change rarely, and lines
 * name them on every capture, quote, conversion and deal line. The stamp is read inside each
 * command's transaction (PostgreSQL assumes it and checks it with the transaction's next
 * statement, no round trip of its own), so a product created, repriced or retired by any app
 * server is seen by the very next command. A storage without a catalogue stamp is read every time.
 * A SKU found missing is remembered too: a product created later moves the stamp.
 */
export class ProductCache {
  private stamp: string | null = null;
  private readonly known = new Map<string, Product | null>();

  async bySku(tx: StorageTx, skus: readonly string[]): Promise<ReadonlyMap<string, Product>> {
    const wanted = [...new Set(skus)];
    if (wanted.length === 0) return new Map();
    if (!tx.catalogue) return new Map((await readProducts(tx, wanted)).map((p) => [p.sku, p]));
    const stamp = await tx.catalogue.stamp();
    if (stamp !== this.stamp || this.known.size > MAX_CACHED_SKUS) {
      this.known.clear();
      this.stamp = stamp;
    }
    const missing = wanted.filter((sku) => !this.known.has(sku));
    if (missing.length > 0) {
      const found = new Map((await readProducts(tx, missing)).map((p) => [p.sku, p]));
      for (const sku of missing) this.known.set(sku, found.get(sku) ?? null);
    }
    const result = new Map<string, Product>();
    for (const sku of wanted) {
      const product = this.known.get(sku);
      if (product) result.set(sku, product);
    }
    return result;
  }
}

async function readProducts(tx: StorageTx, skus: readonly string[]): Promise<Product[]> {
  return (await tx.products.list({ where: { sku: [...skus] }, scope: { kind: 'all' }, limit: skus.length }))
    .items;
}
