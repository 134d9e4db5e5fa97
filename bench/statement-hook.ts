/**
 * Watches every better-sqlite3 statement call of this process (Gongfu's and the raw baselines'
 * alike: both use this better-sqlite3), by wrapping `run`, `get` and `all` on the prototype they
 * share: `watch` hears the statement's text, the method, what it returned and its wall µs.
 */
import Database from 'better-sqlite3';

export type StatementMethod = 'run' | 'get' | 'all';

export function hookStatements(
  watch: (source: string, method: StatementMethod, result: unknown, us: number) => void,
): void {
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<
    string,
    (...a: unknown[]) => unknown
  >;
  probe.close();
  for (const method of ['run', 'get', 'all'] as const) {
    const original = proto[method] as (...a: unknown[]) => unknown;
    proto[method] = function (this: { source: string }, ...args: unknown[]) {
      const t = process.hrtime.bigint();
      const out = original.apply(this, args);
      watch(this.source, method, out, Number(process.hrtime.bigint() - t) / 1000);
      return out;
    };
  }
}
