import { checkSafeAmount, moneySum, StorageError } from '@gongfu/core';
import { type RawBuilder, sql } from 'kysely';
import type { SqlEngine } from '../engine/sql-engine.js';

/*
 * The few SQL expressions reports need that the engines spell differently. SQLite keeps dates and
 * instants as canonical ISO text (so a month is a prefix); PostgreSQL keeps `date` and
 * `timestamptz`, formatted and subtracted as time.
 */

/** `YYYY-MM` of a calendar-date column. */
export function dateMonth(engine: SqlEngine, column: RawBuilder<unknown>): RawBuilder<string | null> {
  return engine.name === 'postgres'
    ? sql<string | null>`to_char(${column}, ${sql.lit('YYYY-MM')})`
    : sql<string | null>`substr(${column}, 1, 7)`;
}

/** Days from `t.created_at` to `t.closed_at`, fractional. */
export function cycleDays(engine: SqlEngine): RawBuilder<number> {
  return engine.name === 'postgres'
    ? sql<number>`(extract(epoch from (t.closed_at - t.created_at)) / 86400.0)`
    : sql<number>`(julianday(t.closed_at) - julianday(t.created_at))`;
}

/**
 * A count or a money sum as a JS number, refusing to round: pg hands back bigint/numeric sums as
 * strings, and a sum beyond 2^53 would silently lose fen if passed through Number().
 */
export function exactInt(value: unknown, what: string): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  const text = typeof value === 'bigint' ? value.toString() : String(value);
  if (!/^-?\d+$/.test(text)) throw new StorageError(`${what}: expected an integer, got ${text}`);
  const big = BigInt(text);
  // A sum past 2^53 is the caller's query being too wide, not a driver failure: the typed refusal of
  // every money aggregate (checkSafeAmount), naming the summed field.
  return checkSafeAmount(big, what, moneySum(text));
}
