import type { ConformanceContext } from '@gongfu/core/testing';
import type { TestDatabase } from './pg-target.js';

/** The conformance suite's raw reads: plain SQL on the test's own schema, around the adapter. */
export function rawReader(db: TestDatabase): ConformanceContext['raw'] {
  const ident = (name: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
    return `"${name}"`;
  };
  return {
    rows(table, where) {
      const keys = Object.keys(where);
      const clause =
        keys.length === 0 ? '' : ` where ${keys.map((k, i) => `${ident(k)} = $${i + 1}`).join(' and ')}`;
      return db.query(
        `select * from ${ident(table)}${clause}`,
        keys.map((k) => where[k]),
      );
    },
  };
}
