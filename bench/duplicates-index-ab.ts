/**
 * The candidate index (blocking keys into the block table) built by two versions of `blocking.ts`
 * alternated in one process over the same prepared deals: CPU seconds per round and an order hash
 * over every deal's later candidates, so a speed change to the index is shown to give exactly the
 * candidates it gave before, in the same order.
 *
 *   git show <base>:packages/reports/src/duplicates/block-table.ts > packages/reports/src/duplicates/block-table.base.ts
 *   git show <base>:packages/reports/src/duplicates/blocking.ts | sed "s#'./block-table.js'#'./block-table.base.js'#" \
 *     > packages/reports/src/duplicates/blocking.base.ts
 *   npx tsx bench/duplicates-index-ab.ts --n 100000 --gen 2 --rounds 2
 *
 * Without the base copies it times the current index alone.
 */
const { runFromSource, abHeading, alternatedRuns } = await import('./support.js');
runFromSource();

const { existsSync } = await import('node:fs');
const { fileURLToPath } = await import('node:url');
const { generate } = await import('./duplicates-data.js');
const { generate2, seedStoryPair } = await import('./duplicates-data-2.js');
const source = '../packages/reports/src/duplicates/';
const { CandidateIndex } = await import(`${source}blocking.ts`);
const { DealPreparer } = await import(`${source}prepared-deal.ts`);

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? (process.argv[at + 1] as string) : fallback;
};
const N = Number(arg('--n', '100000'));
const GEN = arg('--gen', '2');
const ROUNDS = Number(arg('--rounds', '2'));
const baseFile = fileURLToPath(new URL(`${source}blocking.base.ts`, import.meta.url));
const Base = existsSync(baseFile) ? (await import(baseFile)).CandidateIndex : null;

const data = GEN === '1' ? generate(N) : generate2(N);
if (!data.records.some((r) => r.id === 'story-a')) data.records.push(...seedStoryPair());
const preparer = new DealPreparer();
const deals = data.records.map((r) => preparer.prepare(r));

type Index = { add(p: unknown): number; laterCandidatesOf(i: number): Int32Array };
function build(Made: new () => Index) {
  const cpu = process.cpuUsage();
  const index = new Made();
  for (const d of deals) index.add(d);
  const used = process.cpuUsage(cpu);
  let hash = 0;
  let candidates = 0;
  for (let i = 0; i < deals.length; i++) {
    const later = index.laterCandidatesOf(i);
    candidates += later.length;
    for (let k = 0; k < later.length; k++) hash = (Math.imul(hash, 31) + (later[k] as number)) | 0;
  }
  return { cpu: (used.user + used.system) / 1e6, candidates, hash };
}

console.log(abHeading(GEN, N, Base ? baseFile : null));
console.log('| round | version | index CPU s | candidates | order hash |');
console.log('|---|---|---:|---:|---|');
for (const { round, version } of alternatedRuns(ROUNDS, Base !== null)) {
  const r = build(version === 'base' ? Base : CandidateIndex);
  console.log(`| ${round} | ${version} | ${r.cpu.toFixed(2)} | ${r.candidates} | ${r.hash} |`);
}

export {};
