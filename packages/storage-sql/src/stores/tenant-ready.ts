import { TenantImportingError } from '@gongfu/core';
import { type CompiledQuery, sql } from 'kysely';
import type { SqlEngine } from '../engine/sql-engine.js';
import type { TxConnection } from '../sql-transactor.js';

/** The check's SQL text per engine and kind, compiled once. */
const texts = new Map<string, string>();

function checkFor(conn: TxConnection, engine: SqlEngine, tenantId: string, assume: boolean): CompiledQuery {
  const key = `${engine.name}:${assume}`;
  let text = texts.get(key);
  if (text === undefined) {
    // `assume`: fails (division by zero) when the tenant is marked; else reads the mark.
    text = (
      assume
        ? sql`select 1 / (1 - count(*)) as ok from tenants where tenant_id = ${tenantId} and import_state is not null`
        : sql`select import_state from tenants where tenant_id = ${tenantId}`
    ).compile(conn.db).sql;
    texts.set(key, text);
  }
  return { sql: text, parameters: [tenantId], query: undefined as never, queryId: undefined as never };
}

/**
 * Refuses a command's or read's transaction in a tenant marked by an import that has not finished
 * (or by the removal of a failed one; migration 0091) with TenantImportingError: the tenant's rows
 * are incomplete until the import's last transaction clears the mark. One primary-key lookup; on
 * an engine whose checks travel with the transaction's next statement (PostgreSQL's pipeline) it
 * costs no round trip of its own. The import itself, the removal, `tenants.delete` and exports
 * work on their own transactions and are not refused.
 */
export async function refuseImporting(
  conn: TxConnection,
  engine: SqlEngine,
  tenantId: string,
): Promise<void> {
  if (conn.assumeStamps === true) {
    await conn.write(checkFor(conn, engine, tenantId, true), {
      entity: 'tenant',
      hot: true,
      assertion: () => new TenantImportingError(tenantId),
    });
    return;
  }
  const { rows } = await conn.execute<{ import_state: unknown }>(checkFor(conn, engine, tenantId, false), {
    hot: true,
  });
  const state = rows[0]?.import_state;
  if (state !== null && state !== undefined) throw new TenantImportingError(tenantId);
}
