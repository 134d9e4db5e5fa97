/**
 * Timing for the command and read-path benchmarks: per-call latencies, CPU time per call (on a
 * shared machine the steadier figure), subjects and their baselines alternated in rounds so load
 * drift falls on both, medians of rounds, and a description of the machine the figures came from.
 */
import { cpus, loadavg, totalmem } from 'node:os';

export const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export const quantile = (xs: readonly number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

/** One round of one measured thing. */
export interface Round {
  n: number;
  opsPerSec: number;
  /** Process CPU time per call, µs (user + system). */
  cpuUs: number;
  times: number[];
}

/** Runs `op(i)` for i in [0, n) one after another, timing each call. */
export async function timeCalls(n: number, op: (i: number) => unknown): Promise<Round> {
  const times: number[] = new Array(n);
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await op(i);
    times[i] = performance.now() - t;
  }
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { n, opsPerSec: n / (wall / 1000), cpuUs: (used.user + used.system) / n, times };
}

/** Every round of every named series, in the order first measured. */
export class Series {
  readonly rounds = new Map<string, Round[]>();

  add(name: string, round: Round): void {
    this.rounds.set(name, [...(this.rounds.get(name) ?? []), round]);
  }

  /** Median ops/s and CPU/call over rounds; p50/p95 over every call of every round. */
  summary(name: string) {
    const rounds = this.rounds.get(name) ?? [];
    const all = rounds.flatMap((r) => r.times);
    return {
      name,
      n: rounds.reduce((t, r) => t + r.n, 0),
      rounds: rounds.length,
      opsPerSec: median(rounds.map((r) => r.opsPerSec)),
      cpuUs: median(rounds.map((r) => r.cpuUs)),
      p50: quantile(all, 0.5),
      p95: quantile(all, 0.95),
      perRound: rounds.map((r) => r.opsPerSec),
    };
  }

  /**
   * Subject against baseline: the median over rounds of each round's throughput ratio (the two
   * ran back to back, so drift cancels) and the same for CPU per call (baseline CPU / subject CPU).
   */
  ratio(
    subject: string,
    baseline: string,
  ): { throughput: number; cpu: number; throughputs: number[]; cpus: number[] } {
    const s = this.rounds.get(subject) ?? [];
    const b = this.rounds.get(baseline) ?? [];
    const pairs = s
      .map((r, i) => [r, b[i]] as const)
      .filter((p): p is readonly [Round, Round] => p[1] !== undefined);
    // Every round's ratios too, so a table can show their spread beside the median.
    const throughputs = pairs.map(([x, y]) => x.opsPerSec / y.opsPerSec);
    const cpus = pairs.map(([x, y]) => y.cpuUs / x.cpuUs);
    return { throughput: median(throughputs), cpu: median(cpus), throughputs, cpus };
  }
}

/** Where and when: printed above every table so a rerun elsewhere can be compared. */
export function machineLine(extra = ''): string {
  const cpu = cpus();
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return (
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'} · ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB · Node ${process.version} · load average ${load}${extra ? ` · ${extra}` : ''}`
  );
}

export const fmtInt = (n: number): string =>
  Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–';
export const fmtMs = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : '–');
export const fmtRatio = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : '–');
/** The lowest and highest of some rounds' ratios, `0.64–0.71`: how far one round may stray from the median. */
export const fmtSpread = (xs: readonly number[]): string =>
  xs.length === 0 ? '–' : `${fmtRatio(Math.min(...xs))}–${fmtRatio(Math.max(...xs))}`;

/** A Markdown table. */
export function table(head: readonly string[], rows: readonly (readonly string[])[], align?: string): string {
  const sep = align ?? head.map((_, i) => (i === 0 ? '---' : '---:')).join('|');
  return [`| ${head.join(' | ')} |`, `|${sep}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** `--flag value` from argv. */
export function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
