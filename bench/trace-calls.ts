/**
 * What a slow round of timed calls is made of (`service.bench.ts --trace`): every wrapped call's
 * start and end, whether a WAL checkpoint ran during it and which of V8's garbage collections
 * overlapped it. A checkpoint is read from SQLite's wal-index (the `-shm` file, mapped shared, so
 * a read of the file sees it): `nBackfill`, the frames copied back into the database, grows only
 * when a checkpoint copies frames (and drops to 0 when the next writer restarts the log). GC
 * pauses come from `PerformanceObserver` (`gc` entries: kind 1 scavenge, 2 mark-compact,
 * 4 incremental marking, 8 weak callbacks).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';

interface Call {
  name: string;
  round: number;
  start: number;
  end: number;
  /** This process's CPU during the call, ms (user + system). */
  cpu: number;
  checkpoint: boolean;
}

interface Pause {
  start: number;
  end: number;
  kind: number;
}

/** Offset of `nBackfill` in the wal-index: after the two 48-byte copies of its header. */
const BACKFILL_AT = 96;

export function callTracer(shmFile: string) {
  const calls: Call[] = [];
  const pauses: Pause[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0;
      pauses.push({ start: e.startTime, end: e.startTime + e.duration, kind });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const fd = openSync(shmFile, 'r');
  const buf = Buffer.alloc(4);
  const backfill = () => {
    readSync(fd, buf, 0, 4, BACKFILL_AT);
    return buf.readUInt32LE(0);
  };

  return {
    wrap(name: string, round: number, op: (i: number) => unknown) {
      return async (i: number) => {
        const before = backfill();
        const cpu = process.cpuUsage();
        const start = performance.now();
        await op(i);
        const end = performance.now();
        const used = process.cpuUsage(cpu);
        const after = backfill();
        calls.push({
          name,
          round,
          start,
          end,
          cpu: (used.user + used.system) / 1000,
          checkpoint: after > before,
        });
      };
    },
    /** Stops observing; the GC entries reach the observer only on a later turn of the event loop. */
    async stop() {
      await new Promise((resolve) => setTimeout(resolve, 50));
      observer.disconnect();
      closeSync(fd);
    },
    /** Per round and command: each side's total, and how much of it fell in checkpoint and GC calls. */
    report(pairs: readonly (readonly [string, string])[]): string {
      const tags = (c: Call) => {
        const gcs = pauses.filter((p) => p.start < c.end && p.end > c.start);
        const gcMs = gcs.reduce((n, p) => n + Math.min(p.end, c.end) - Math.max(p.start, c.start), 0);
        return {
          major: gcs.some((p) => p.kind === 2),
          minor: gcs.some((p) => p.kind === 1),
          gcMs,
        };
      };
      const side = (name: string, round: number) => {
        const own = calls.filter((c) => c.name === name && c.round === round);
        let total = 0;
        let cpu = 0;
        let ckptCpu = 0;
        let ckptMs = 0;
        let ckpts = 0;
        let majorMs = 0;
        let majors = 0;
        let minorMs = 0;
        let minors = 0;
        let gcPause = 0;
        for (const c of own) {
          const ms = c.end - c.start;
          const t = tags(c);
          total += ms;
          cpu += c.cpu;
          gcPause += t.gcMs;
          if (c.checkpoint) {
            ckptCpu += c.cpu;
            ckptMs += ms;
            ckpts++;
          }
          if (t.major) {
            majorMs += ms;
            majors++;
          } else if (t.minor) {
            minorMs += ms;
            minors++;
          }
        }
        const slowest = [...own]
          .sort((a, b) => b.end - b.start - (a.end - a.start))
          .slice(0, 3)
          .map((c) => {
            const t = tags(c);
            const what = [c.checkpoint ? 'ckpt' : '', t.major ? 'mark-compact' : t.minor ? 'scavenge' : '']
              .filter((w) => w !== '')
              .join('+');
            return `${(c.end - c.start).toFixed(2)} (CPU ${c.cpu.toFixed(2)}${what === '' ? '' : `, ${what}`})`;
          })
          .join(', ');
        return (
          `${total.toFixed(1)} ms (CPU ${cpu.toFixed(1)}): ckpt ${ckpts} calls ${ckptMs.toFixed(1)} ms (CPU ${ckptCpu.toFixed(1)}), mark-compact ${majors} calls ${majorMs.toFixed(1)} ms, ` +
          `scavenge ${minors} calls ${minorMs.toFixed(1)} ms, GC pauses ${gcPause.toFixed(1)} ms; slowest ${slowest}`
        );
      };
      const rounds = [...new Set(calls.map((c) => c.round))];
      const lines: string[] = [];
      for (const [subject, baseline] of pairs) {
        lines.push(`${subject} against ${baseline}, per round (ratio = baseline time / subject time):`);
        for (const r of rounds) {
          const time = (name: string) =>
            calls.filter((c) => c.name === name && c.round === r).reduce((n, c) => n + c.end - c.start, 0);
          lines.push(
            `  round ${r + 1}: ratio ${(time(baseline) / time(subject)).toFixed(2)}\n    ${subject} ${side(subject, r)}\n    ${baseline} ${side(baseline, r)}`,
          );
        }
      }
      return lines.join('\n');
    },
  };
}
