import {
  type CalendarDate,
  ConcurrencyError,
  ConflictError,
  type Instant,
  StorageError,
  toInstant,
} from '@gongfu/core';
import { sql } from 'kysely';
import { fixedQuery } from '../fixed-query.js';
import { executeCached } from '../records/compiled-cache.js';
import { likePattern, type SqlEngine } from './sql-engine.js';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * node-postgres parses `date` as local midnight while PGlite yields UTC midnight; a real calendar
 * date has no time, so whichever midnight the Date sits on names the day.
 */
function dateFromDriver(d: Date): CalendarDate {
  const local = d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0;
  return local
    ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
    : `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * PostgreSQL: instants as `timestamptz` (compared as time, never as text), dates as `date`, JSON as
 * `jsonb`, money as `bigint`; history `seq` from one sequence (unique and increasing, gaps allowed).
 */
export const postgresEngine: SqlEngine = {
  name: 'postgres',
  types: {
    text: 'text',
    int: 'integer',
    bigint: 'bigint',
    instant: 'timestamptz',
    date: 'date',
    json: 'jsonb',
    money: 'bigint',
    bool: 'boolean',
  },
  encodeInstant: (v) => toInstant(v),
  decodeInstant: (v) => toInstant(v as Date | string) as Instant,
  encodeDate: (v) => v,
  decodeDate: (v) => (v instanceof Date ? dateFromDriver(v) : (String(v).slice(0, 10) as CalendarDate)),
  // Serialised by us so arrays are not mistaken for pg arrays by the driver.
  encodeJson: (v) => JSON.stringify(v),
  decodeJson: <T>(v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T)),
  encodeBool: (v) => v,
  decodeBool: (v) => v === true || v === 't' || v === 'true',
  decodeInt: (v) => Number(v),

  containsText: (column, needle) => sql<boolean>`${column} ilike ${likePattern(needle)} escape '\\'`,

  // jsonb compares numbers as numbers and strings as strings; index with the same expression,
  // `create index … on opportunities (tenant_id, (doc -> 'custom' -> 'budgetYear'))`.
  customField: (doc, name) => sql`(${doc} -> 'custom' -> ${sql.lit(name)})`,
  customValue: (value) => sql`cast(${JSON.stringify(value)} as jsonb)`,

  begin: (db, mode) =>
    mode === 'read'
      ? db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only')
      : db.transaction().setIsolationLevel('read committed'),

  async allocateSeqs(ctx, count) {
    const { rows } = await executeCached<{ seq: string }>(ctx, 'history_events:nextval', [count], () => ({
      compile: () =>
        sql<{
          seq: string;
        }>`select nextval('history_events_seq') as seq from generate_series(1, ${count})`.compile(ctx.db),
    }));
    return rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
  },

  nextHistorySeq: () => sql<number>`nextval('history_events_seq')`,

  async bindTenant(conn, tenantId) {
    // is_local = true: the setting ends with the transaction, so a pooled connection never carries
    // one tenant's id into the next borrower's transaction.
    await conn.write(fixedQuery("select set_config('gongfu.tenant_id', $1, true)", [tenantId]), {
      entity: 'transaction',
      hot: true,
    });
  },

  async createExtras(db) {
    await sql`create sequence if not exists history_events_seq`.execute(db);
  },

  mapError(error, entity) {
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === '40001' || code === '40P01') {
      // Serialization failure or deadlock: the transaction lost a race and was rolled back whole,
      // so the caller may retry, exactly as after a failed compare-and-set.
      const lost = new ConcurrencyError(entity, '(transaction)', 0, null);
      lost.cause = error;
      return lost;
    }
    if (code === '23505') {
      const conflict = new ConflictError(entity, `${entity} already exists: ${message}`);
      conflict.cause = error;
      return conflict;
    }
    return new StorageError(`${entity}: ${message}`, { cause: error });
  },
};
