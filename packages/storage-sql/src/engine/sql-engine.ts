import type { CalendarDate, CrmError, Instant } from '@gongfu/core';
import type { ColumnDataType, Expression, RawBuilder, SqlBool } from 'kysely';
import type { AnyDb, AnyTransactionBuilder } from '../any-db.js';
import type { StoreContext } from '../records/store-context.js';
import type { TxConnection } from '../sql-transactor.js';

/** The logical kinds of column the schema uses; each engine picks its physical type and codec. */
export type ColumnKind = 'text' | 'int' | 'bigint' | 'instant' | 'date' | 'json' | 'money' | 'bool';

/**
 * Everything that differs between SQLite and PostgreSQL, in one place, so the stores and the
 * migrations are written once. Encoders turn domain values into driver parameters; decoders turn
 * whatever the driver hands back (pg: Date for timestamptz/date, string for bigint) into the
 * domain's canonical strings and numbers.
 */
export interface SqlEngine {
  readonly name: 'sqlite' | 'postgres';
  /** Physical column type per logical kind. */
  readonly types: Readonly<Record<ColumnKind, ColumnDataType>>;

  encodeInstant(value: Instant): unknown;
  decodeInstant(value: unknown): Instant;
  encodeDate(value: CalendarDate): unknown;
  decodeDate(value: unknown): CalendarDate;
  encodeJson(value: unknown): unknown;
  decodeJson<T>(value: unknown): T;
  encodeBool(value: boolean): unknown;
  decodeBool(value: unknown): boolean;
  /** Money minor units and counts: pg returns bigint as a string. */
  decodeInt(value: unknown): number;

  /**
   * The column as an expression the planner will not use an index for (SQLite's unary `+`), where
   * an IN list on an index column would cost one seek per value; absent where not needed.
   */
  unindexed?(column: string): Expression<unknown>;

  /** Case-insensitive substring match of `column` against an already lower-cased needle. */
  containsText(column: Expression<unknown>, needleLower: string): Expression<SqlBool>;

  /**
   * A custom field of the record document (`doc.custom.<name>`) as a comparable SQL value, and a
   * value encoded to compare with it. `name` is an identifier (checked by the caller), written into
   * the SQL text so an expression index on the same expression serves the filter.
   */
  customField(doc: Expression<unknown>, name: string): Expression<unknown>;
  customValue(value: string | number | boolean): unknown;

  /** Start a transaction the right way: write transactions lock from their first statement. */
  begin(db: AnyDb, mode: 'write' | 'read'): AnyTransactionBuilder;

  /** Allocate `count` history sequence numbers for the context's tenant, inside its write transaction. */
  allocateSeqs(ctx: StoreContext, count: number): Promise<number[]>;

  /**
   * An expression drawing the next history sequence number inside the INSERT itself, where the
   * engine has one (PostgreSQL `nextval`): the append then needs no read before it. Rows of one
   * multi-row VALUES draw in order.
   */
  readonly nextHistorySeq?: () => RawBuilder<number>;

  /** Schema objects the engine needs beyond tables (the pg history sequence). */
  createExtras(db: AnyDb): Promise<void>;

  /**
   * Run first in every tenant-bound transaction: PostgreSQL sets `gongfu.tenant_id` for the
   * optional row-level-security policies (a write nobody waits for, so it travels with the
   * transaction's first statement). Absent where there is nothing to set.
   */
  bindTenant?(conn: TxConnection, tenantId: string): Promise<void>;

  /** Map a driver error to ConflictError (unique violation) or StorageError. */
  mapError(error: unknown, entity: string): CrmError;
}

export function encodeCell(engine: SqlEngine, kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'instant':
      return engine.encodeInstant(value as Instant);
    case 'date':
      return engine.encodeDate(value as CalendarDate);
    case 'json':
      return engine.encodeJson(value);
    case 'bool':
      return engine.encodeBool(value as boolean);
    default:
      return value;
  }
}

/** `%`, `_` and the escape character itself are literal in a search needle. */
export function likePattern(needleLower: string): string {
  return `%${needleLower.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
