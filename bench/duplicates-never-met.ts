/**
 * Planted pairs that are never candidates, and why: for each, the blocking keys the two deals
 * share and each shared block's size (over the cap means skipped), plus each side's province,
 * delivery date and lines. Also prints pair completeness (planted pairs that are candidates).
 *
 *   npx tsx bench/duplicates-never-met.ts [--n 100000] [--gen 1|2] [--show 40]
 *
 * A diagnostic, not a benchmark: it builds only the blocking index, no weights and no scan.
 */
const { runFromSource } = await import('./support.js');
runFromSource();

const { arg, diagnosticData } = await import('./duplicates-diagnostic-data.js');
const { CandidateIndex, DEFAULT_MAX_BLOCK, blockingKeys } = await import(
  '../packages/reports/src/duplicates/blocking.js'
);
const { DealPreparer } = await import('../packages/reports/src/duplicates/prepared-deal.js');

const N = Number(arg('--n', '100000'));
const GEN = arg('--gen', '2');
const SHOWN = Number(arg('--show', '40'));

const { records, truth } = diagnosticData(N, GEN);
const preparer = new DealPreparer();
const index = new CandidateIndex();
const ordinal = new Map<string, number>();
const keysOf = new Map<string, string[]>();
const sizes = new Map<string, number>();
const byId = new Map(records.map((r) => [r.id, r]));
const planted = new Set<string>();
for (const key of truth.keys()) for (const id of key.split('\u0000')) planted.add(id);
for (const r of records) {
  const p = preparer.prepare(r);
  ordinal.set(r.id, index.add(p));
  const keys = blockingKeys(p, index.lsh);
  for (const k of keys) sizes.set(k, (sizes.get(k) ?? 0) + 1);
  if (planted.has(r.id)) keysOf.set(r.id, keys);
}
const side = (id: string) => {
  const r = byId.get(id)!;
  return `${id} ${r.accountName} ${r.province ?? '?'} ${r.requiredDelivery ?? '?'} [${r.lines.map((l) => `${l.quantity}×${l.sku}`).join(' ')}]`;
};
let met = 0;
const missed: string[] = [];
const byKind = new Map<string, [number, number]>();
for (const [key, kind] of truth) {
  const [a, b] = key.split('\u0000') as [string, string];
  const ok = index.candidatesOf(ordinal.get(a)!).has(ordinal.get(b)!);
  const k = byKind.get(kind) ?? [0, 0];
  k[0]++;
  if (ok) {
    met++;
    k[1]++;
    continue;
  }
  const kb = new Set(keysOf.get(b));
  const shared = keysOf.get(a)!.filter((x) => kb.has(x));
  missed.push(
    `- ${kind}\n  a: ${side(a)}\n  b: ${side(b)}\n  shared: ${shared.map((s) => `${s} (${sizes.get(s)})`).join(', ') || 'none'}`,
  );
}
console.log(
  `N=${N} gen ${GEN}: pair completeness ${(met / truth.size).toFixed(4)} (${met}/${truth.size}), cap ${DEFAULT_MAX_BLOCK}`,
);
for (const [kind, [n, m]] of byKind) console.log(`  ${kind}: ${m}/${n} met, ${n - m} never compared`);
console.log(missed.slice(0, SHOWN).join('\n'));

export {};
