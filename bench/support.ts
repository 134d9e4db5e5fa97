/**
 * What every benchmark here shares: running against the packages' TypeScript sources, timing
 * stages (wall and CPU) with the peak memory, and scoring found pairs against planted truth.
 */
import { spawnSync } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';

/**
 * Re-runs this script with `--conditions=source` (the workspace packages resolve to their sources,
 * so a benchmark measures the code as it stands, built or not) and exits with its status. Returns
 * in the child. `heapMb` raises Node's heap limit for the largest runs.
 */
export function runFromSource(heapMb?: number): void {
  if (process.execArgv.some((a) => a.includes('conditions=source'))) return;
  const heap = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
  const args = [...process.execArgv, ...heap, '--conditions=source', ...process.argv.slice(1)];
  process.exit(spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1);
}

export interface Stage {
  name: string;
  wallMs: number;
  /** This process's CPU time: on a shared machine the steadier figure. */
  cpuMs: number;
}

/** Times named stages and samples the resident set size every 50 ms until `stop`. */
export function stageTimer() {
  const stages: Stage[] = [];
  let peakRss = 0;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 50);
  return {
    stages,
    peakRssMiB: () => peakRss / 2 ** 20,
    stop: () => clearInterval(timer),
    async stage<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const out = await fn();
      const used = process.cpuUsage(cpu);
      stages.push({ name, wallMs: performance.now() - t, cpuMs: (used.user + used.system) / 1000 });
      sample();
      return out;
    },
    /** CPU seconds of the stages whose names start with one of `prefixes`. */
    cpuSeconds: (...prefixes: string[]) =>
      stages.filter((s) => prefixes.some((p) => s.name.startsWith(p))).reduce((t, s) => t + s.cpuMs, 0) /
      1000,
    /** Wall seconds of the stages whose names start with one of `prefixes`. */
    seconds: (...prefixes: string[]) =>
      stages.filter((s) => prefixes.some((p) => s.name.startsWith(p))).reduce((t, s) => t + s.wallMs, 0) /
      1000,
  };
}

export interface Quality {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Quality on one planted kind: recall over its planted pairs, precision over the predicted pairs
 * touching its records (a third record wrongly paired with a planted one counts against it).
 * Pair keys are two ids joined by U+0000.
 */
export function quality(
  predicted: { has(key: string): boolean; keys(): Iterable<string> },
  planted: readonly string[],
): Quality {
  const members = new Set(planted.flatMap((k) => k.split('\u0000')));
  const tp = planted.filter((k) => predicted.has(k)).length;
  let touching = 0;
  for (const k of predicted.keys()) {
    const [a, b] = k.split('\u0000');
    if (members.has(a as string) || members.has(b as string)) touching++;
  }
  const precision = touching === 0 ? 1 : tp / touching;
  const recall = planted.length === 0 ? 1 : tp / planted.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Starts the inspector's CPU profiler on this process, sampling every 100 µs; stop it with `session.post('Profiler.stop')`. */
export async function startProfiler(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return session;
}

/** The value after `--name` on the command line, or `fallback`. */
export function argValue(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at > 0 ? (process.argv[at + 1] as string) : fallback;
}

/** An A/B bench's first line: the generator, the size, the base copy timed (or none) and the load average. */
export function abHeading(gen: string, n: number, baseFile: string | null): string {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return `gen ${gen}, ${n} deals, base ${baseFile ?? 'none'}, load ${load}`;
}

/**
 * An A/B bench's runs: base and new alternated, base first in even rounds and new first in odd ones (so
 * neither always runs on a warmer machine); new alone without a base copy.
 */
export function alternatedRuns(
  rounds: number,
  withBase: boolean,
): { round: number; version: 'base' | 'new' }[] {
  const runs: { round: number; version: 'base' | 'new' }[] = [];
  for (let round = 0; round < rounds; round++) {
    const order: ('base' | 'new')[] = withBase
      ? round % 2 === 1
        ? ['new', 'base']
        : ['base', 'new']
      : ['new'];
    for (const version of order) runs.push({ round, version });
  }
  return runs;
}
