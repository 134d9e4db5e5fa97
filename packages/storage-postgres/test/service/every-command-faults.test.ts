import type { CrmStorage } from '@gongfu/core';
import { describeEveryCommandFaults } from '@gongfu/service-suites';
import { openTestDatabase, type TestDatabase, usePgTarget } from '../support/pg-target.js';

usePgTarget();

let db: TestDatabase | undefined;
let digestQuery: string | undefined;

/**
 * Every table with a tenant_id column in the schema, found in the catalogue rather than listed, each
 * as an md5 of its rows' text in a stable order: one round trip instead of an export per attempt.
 */
async function tenantDigest(_storage: CrmStorage, tenantId: string): Promise<Record<string, string>> {
  if (db === undefined) throw new Error('no database open');
  if (digestQuery === undefined) {
    const tables = await db.query(
      `select table_name as name from information_schema.columns
        where table_schema = current_schema() and column_name = 'tenant_id' and table_name <> 'tenants'
        order by 1`,
    );
    digestQuery = tables
      .map(
        ({ name }) =>
          `select '${String(name)}' as t, md5(coalesce(string_agg(r::text, E'\\n' order by r::text), '')) as h
             from "${String(name)}" r where r.tenant_id = $1`,
      )
      .join(' union all ');
  }
  const rows = await db.query(digestQuery, [tenantId]);
  return Object.fromEntries(rows.map((r) => [String(r.t), String(r.h)]));
}

describeEveryCommandFaults(
  async () => {
    const opened = await openTestDatabase();
    db = opened;
    digestQuery = undefined;
    return { ...opened.storage, close: () => opened.close() };
  },
  { fingerprint: tenantDigest },
);
