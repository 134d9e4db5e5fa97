import { type CalendarDate, ConflictError, type Instant, StorageError, toInstant } from '@gongfu/core';
import { sql } from 'kysely';
import { executeCached } from '../records/compiled-cache.js';
import { likePattern, type SqlEngine } from './sql-engine.js';

const UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/**
 * `toInstant` with the last few answers remembered: a command encodes the same "now" and the same
 * record timestamps many times over (columns, history, reminders), and each re-encoding parses and
 * formats a Date.
 */
const recentInstants = new Map<string, string>();
function canonicalInstant(value: string): string {
  const known = recentInstants.get(value);
  if (known !== undefined) return known;
  const canonical = toInstant(value);
  if (recentInstants.size >= 64) recentInstants.clear();
  recentInstants.set(value, canonical);
  return canonical;
}

/**
 * SQLite: instants as canonical UTC ISO text with milliseconds (fixed width, so text order is
 * time order and range filters compare correctly), JSON as text, booleans as 0/1.
 */
export const sqliteEngine: SqlEngine = {
  name: 'sqlite',
  types: {
    text: 'text',
    int: 'integer',
    bigint: 'integer',
    instant: 'text',
    date: 'text',
    json: 'text',
    money: 'integer',
    bool: 'integer',
  },
  // Re-encoding normalises an offset such as +08:00 to the one canonical UTC form.
  encodeInstant: canonicalInstant,
  decodeInstant: (v) => v as Instant,
  encodeDate: (v) => v,
  decodeDate: (v) => v as CalendarDate,
  encodeJson: (v) => JSON.stringify(v),
  decodeJson: <T>(v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T)),
  encodeBool: (v) => (v ? 1 : 0),
  decodeBool: (v) => v === 1 || v === true || v === 1n,
  decodeInt: (v) => Number(v),

  unindexed: (column) => sql`+${sql.ref(column)}`,

  // Needles and search columns are lower-cased in JS (full Unicode), so LIKE's ASCII-only case
  // folding does not matter.
  containsText: (column, needle) => sql<boolean>`${column} like ${likePattern(needle)} escape '\\'`,

  // json_extract hands back SQL values (numbers as numbers, true as 1): index with the same call,
  // `create index … on opportunities (tenant_id, json_extract(doc, '$.custom.budgetYear'))`.
  customField: (doc, name) => sql`json_extract(${doc}, ${sql.lit(`$.custom.${name}`)})`,
  customValue: (value) => (typeof value === 'boolean' ? (value ? 1 : 0) : value),

  // The sqlite driver maps 'read write' (the default) to BEGIN IMMEDIATE and 'read only' to BEGIN.
  begin: (db, mode) => (mode === 'read' ? db.transaction().setAccessMode('read only') : db.transaction()),

  async allocateSeqs(ctx, count) {
    // Safe without a sequence because BEGIN IMMEDIATE holds the write lock for the whole
    // transaction: after the first read nobody else can append, so the transaction counts on.
    let next = ctx.memo.nextSeq;
    if (next === undefined) {
      const { rows } = await executeCached<{ top: unknown }>(ctx, 'history_events:top', [ctx.tenantId], () =>
        ctx.db
          .selectFrom('history_events')
          .select(sql<number>`coalesce(max(seq), 0)`.as('top'))
          .where('tenant_id', '=', ctx.tenantId),
      );
      next = Number(rows[0]?.top ?? 0) + 1;
    }
    ctx.memo.nextSeq = next + count;
    return Array.from({ length: count }, (_, i) => next + i);
  },

  async createExtras() {},

  mapError(error, entity) {
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : String(error);
    if (typeof code === 'string' && UNIQUE_CODES.has(code)) {
      const conflict = new ConflictError(entity, `${entity} already exists: ${message}`);
      conflict.cause = error;
      return conflict;
    }
    return new StorageError(`${entity}: ${message}`, { cause: error });
  },
};
