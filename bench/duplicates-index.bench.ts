/**
 * The duplicate engine's prepare + index stage alone (blocking keys, MinHash-LSH, statistics), at
 * sizes where the full bench takes an hour on a shared machine: CPU seconds, blocks, peak RSS.
 *
 *   npx tsx bench/duplicates-index.bench.ts [--n 1000000] [--gen 1|2]
 */
const { runFromSource, stageTimer } = await import('./support.js');
// A million deals with their blocks outgrow Node's default heap (about 4 GiB here).
runFromSource(20_000);

const { DealDuplicateEngine } = await import('@gongfu/reports');
const { generate } = await import('./duplicates-data.js');
const { generate2 } = await import('./duplicates-data-2.js');

const argN = process.argv.indexOf('--n');
const N = argN > 0 ? Number(process.argv[argN + 1]) : 1_000_000;
const argGen = process.argv.indexOf('--gen');
const GEN = argGen > 0 ? process.argv[argGen + 1] : '1';

const timer = stageTimer();
const data = await timer.stage('generate', () => (GEN === '2' ? generate2(N) : generate(N)));
const engine = await timer.stage('prepare + index', () => new DealDuplicateEngine(data.records));
const blocking = engine.index.stats();
timer.stop();
const os = await import('node:os');
console.log(
  `duplicates index bench: N=${N.toLocaleString('en-US')}, generator ${GEN}, Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
for (const s of timer.stages)
  console.log(`${s.name}: wall ${(s.wallMs / 1000).toFixed(1)} s, CPU ${(s.cpuMs / 1000).toFixed(1)} s`);
console.log(
  `blocks ${blocking.blocks.toLocaleString('en-US')} (${blocking.cappedBlocks.toLocaleString('en-US')} over the cap); peak RSS ${timer.peakRssMiB().toFixed(0)} MiB`,
);

export {};
