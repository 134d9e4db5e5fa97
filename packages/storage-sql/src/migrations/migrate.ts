import { DEFAULT_TENANT_ID, StorageError } from '@gongfu/core';
import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { RECORD_TABLES_0001 } from './0001-record-tables.js';
import { SUPPORT_TABLES_0001, TENANTS_TABLE_0001 } from './0001-support-tables.js';
import { postgresPartialIndexes } from './0005-postgres-partial-indexes.js';
import { dedupeKeys } from './0006-dedupe-keys.js';
import { counters } from './0007-counters.js';
import { dedupeWeights } from './0010-dedupe-weights.js';
import { dedupeQuantityKeys } from './0016-dedupe-quantity-keys.js';
import { orgVersion } from './0020-org-version.js';
import { scanIndexes } from './0021-scan-indexes.js';
import { catalogueVersion } from './0022-catalogue-version.js';
import { scopeKeys } from './0023-scope-keys.js';
import { openReminders } from './0024-open-reminders.js';
import { changeFeed } from './0030-change-feed.js';
import { idempotencyKeys } from './0031-idempotency-keys.js';
import { reminderFences } from './0045-reminder-fences.js';
import { reminderMessageKeys } from './0060-reminder-message-keys.js';
import { customFields } from './0070-custom-fields.js';
import { tenantConfigs } from './0071-tenant-configs.js';
import { configStamp } from './0072-config-stamp.js';
import { quotas } from './0080-quotas.js';
import { dealEndCustomers } from './0081-deal-end-customers.js';
import { activitySubjects } from './0082-activity-subjects.js';
import { searchTerms } from './0085-search-terms.js';
import { dedupeEndCustomerKeys } from './0086-dedupe-end-customer-keys.js';
import { searchScope } from './0087-search-scope.js';
import { importLedger } from './0090-import-ledger.js';
import { tenantImportState } from './0091-tenant-import-state.js';
import { accountPageIndexes } from './0093-account-page-indexes.js';
import { dedupeCustomerBasketKeys } from './0100-dedupe-customer-basket-keys.js';
import { historyActorEventIndex } from './0115-history-actor-event-index.js';
import { openReminderKinds } from './0120-open-reminder-kinds.js';
import { activityOwnerCalendarIndex } from './0121-activity-owner-calendar-index.js';
import { pageScanTeamOwner } from './0125-page-scan-team-owner.js';
import { dedupeDatelessSplitKeys } from './0130-dedupe-dateless-split-keys.js';
import { dedupeStamps } from './0131-dedupe-stamps.js';
import { divisionListRegions } from './0132-division-list-regions.js';
import { dedupeRows } from './0133-dedupe-rows.js';
import { defineTable } from './define-table.js';

/** Migrations live in code (no file-system provider), each built for the engine it runs on. */
export function migrations(engine: SqlEngine): Record<string, Migration> {
  return {
    '0001_initial': {
      async up(db: AnyDb) {
        await engine.createExtras(db);
        for (const def of [TENANTS_TABLE_0001, ...RECORD_TABLES_0001, ...SUPPORT_TABLES_0001]) {
          await defineTable(db, engine, def);
        }
      },
    },
    // Single-tenant apps never name a tenant: their records go to the default workspace,
    // which therefore exists from the start.
    '0002_default_tenant': {
      async up(db: AnyDb) {
        await db
          .insertInto('tenants')
          .values({
            tenant_id: DEFAULT_TENANT_ID,
            name: 'Default workspace',
            created_at: engine.encodeInstant('2026-01-01T00:00:00.000Z'),
          })
          .execute();
      },
    },
    '0005_postgres_partial_indexes': postgresPartialIndexes(engine),
    '0006_dedupe_keys': dedupeKeys(engine),
    '0007_counters': counters(engine),
    '0010_dedupe_weights': dedupeWeights(engine),
    '0016_dedupe_quantity_keys': dedupeQuantityKeys(),
    '0020_org_version': orgVersion(engine),
    '0021_scan_indexes': scanIndexes(engine),
    '0022_catalogue_version': catalogueVersion(engine),
    '0023_scope_keys': scopeKeys(engine),
    '0024_open_reminders': openReminders(engine),
    '0030_change_feed': changeFeed(engine),
    '0031_idempotency_keys': idempotencyKeys(engine),
    '0045_reminder_fences': reminderFences(engine),
    '0060_reminder_message_keys': reminderMessageKeys(engine),
    '0070_custom_fields': customFields(engine),
    '0071_tenant_configs': tenantConfigs(engine),
    '0072_config_stamp': configStamp(engine),
    '0080_quotas': quotas(engine),
    '0081_deal_end_customers': dealEndCustomers(engine),
    '0082_activity_subjects': activitySubjects(engine),
    '0085_search_terms': searchTerms(engine),
    '0086_dedupe_end_customer_keys': dedupeEndCustomerKeys(),
    '0087_search_scope': searchScope(engine),
    '0090_import_ledger': importLedger(engine),
    '0091_tenant_import_state': tenantImportState(),
    '0093_account_page_indexes': accountPageIndexes(),
    '0100_dedupe_customer_basket_keys': dedupeCustomerBasketKeys(),
    '0115_history_actor_event_index': historyActorEventIndex(),
    '0120_open_reminder_kinds': openReminderKinds(),
    '0121_activity_owner_calendar_index': activityOwnerCalendarIndex(),
    '0125_page_scan_team_owner': pageScanTeamOwner(engine),
    '0130_dedupe_dateless_split_keys': dedupeDatelessSplitKeys(),
    '0131_dedupe_stamps': dedupeStamps(engine),
    '0132_division_list_regions': divisionListRegions(engine),
    '0133_dedupe_rows': dedupeRows(engine),
  };
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly engine: SqlEngine) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.engine);
  }
}

/**
 * Applies pending migrations; idempotent. Kysely's Migrator takes a lock (a transaction on SQLite,
 * an advisory lock on PostgreSQL), so servers starting together do not race.
 */
export async function migrateToLatest(
  db: AnyDb,
  engine: SqlEngine,
  // PostgreSQL: the schema holding Kysely's migration tables (it otherwise matches them in any schema).
  options: { schema?: string } = {},
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(engine),
    // Migrations are numbered in ranges reserved per line of work (0020–0029: performance), so a
    // database may have applied 0020 before an 0008 written later exists: apply such a one late.
    allowUnorderedMigrations: true,
    ...(options.schema === undefined ? {} : { migrationTableSchema: options.schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new StorageError(
      `migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
}
