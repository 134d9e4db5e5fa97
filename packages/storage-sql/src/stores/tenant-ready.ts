import { TenantImportingError } from '@gongfu/core';
import type { CompiledQuery } from 'kysely';
import type { SqlEngine } from '../engine/sql-engine.js';
import { fixedQuery } from '../fixed-query.js';
import type { TxConnection } from '../sql-transactor.js';
import { NO_TENANT_STAMP, stampOf } from './tenant-stamp.js';

/**
 * The check, written by hand once per engine (it runs in every transaction). `assume` fails with
 * a division by zero when the tenant is marked, so it can travel unread with the next statement;
 * otherwise the mark is read.
 */
function checkFor(engine: SqlEngine, tenantId: string, assume: boolean): CompiledQuery {
  const p = engine.name === 'postgres' ? '$1' : '?';
  const text = assume
    ? `select 1 / (1 - count(*)) as ok from tenants where tenant_id = ${p} and import_state is not null`
    : `select import_state, org_epoch, org_version from tenants where tenant_id = ${p}`;
  return fixedQuery(text, [tenantId]);
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
): Promise<{ orgStamp?: string }> {
  if (conn.assumeStamps === true) {
    await conn.write(checkFor(engine, tenantId, true), {
      entity: 'tenant',
      hot: true,
      assertion: () => new TenantImportingError(tenantId),
    });
    return {};
  }
  // The same row holds the org stamp every command reads next (`tx.org.stamp()`): read it along,
  // in this transaction, so that read costs no statement of its own.
  const { rows } = await conn.execute<{ import_state: unknown; org_epoch: unknown; org_version: unknown }>(
    checkFor(engine, tenantId, false),
    { hot: true },
  );
  const row = rows[0];
  const state = row?.import_state;
  if (state !== null && state !== undefined) throw new TenantImportingError(tenantId);
  return { orgStamp: row === undefined ? NO_TENANT_STAMP : stampOf(row.org_epoch, row.org_version) };
}
