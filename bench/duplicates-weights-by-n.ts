/**
 * The tenant's estimated u among candidate pairs at each size, on either generator: how many
 * candidate pairs the estimate measured and the weights it moved (a diagnostic; times nothing).
 *
 *   npx tsx bench/duplicates-weights-by-n.ts [--gen 1|2] [--sizes 10000,30000,100000]
 */
const { runFromSource } = await import('./support.js');
runFromSource();
const { DealDuplicateEngine } = await import('@gongfu/reports');
const { generate } = await import('./duplicates-data.js');
const { generate2 } = await import('./duplicates-data-2.js');
const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? (process.argv[at + 1] as string) : fallback;
};
const gen = arg('--gen', '2');
for (const n of arg('--sizes', '10000,30000,100000').split(',').map(Number)) {
  const data = gen === '1' ? generate(n) : generate2(n);
  const w = new DealDuplicateEngine(data.records).weights();
  const busy = Object.values(w.accountPartners ?? {});
  console.log(
    JSON.stringify({
      n,
      candidatePairs: w.candidatePairs,
      partnersPerDeal: w.partnersPerDeal,
      busyAccounts: busy.length,
      candidateU: w.candidateU,
      u: w.u,
    }),
  );
}

export {};
