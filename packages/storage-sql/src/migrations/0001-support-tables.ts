import type { TableDef } from './define-table.js';

/** Tenants first (everything references it), then the non-versioned tables (migration 0001, frozen). */
export const TENANTS_TABLE_0001: TableDef = {
  name: 'tenants',
  // Named tenant_id, not id, so that every table — this one included — is keyed by tenant_id.
  columns: [
    ['name', 'text'],
    ['created_at', 'instant'],
  ],
  primaryKey: [],
  tenantForeignKey: false,
};

export const SUPPORT_TABLES_0001: readonly TableDef[] = [
  {
    name: 'team_members',
    columns: [
      ['team_key', 'text'],
      ['user_id', 'text'],
      ['role', 'text'],
      ['access', 'text'],
      ['is_owner', 'bool'],
    ],
    primaryKey: ['team_key', 'user_id'],
    indexes: [['user_id']],
  },
  {
    name: 'quote_entries',
    columns: [
      ['id', 'text'],
      ['lead_id', 'text', 'null'],
      ['opportunity_id', 'text', 'null'],
      ['account_id', 'text', 'null'],
      ['team_key', 'text'],
      ['sku', 'text'],
      ['quantity', 'int'],
      ['unit_price_minor', 'money'],
      ['currency', 'text'],
      ['valid_until', 'date'],
      ['quoted_by', 'text'],
      ['quoted_at', 'instant'],
      ['note', 'text', 'null'],
      // Append order within the tenant: quotes given in the same millisecond still have a "last".
      ['seq', 'int'],
    ],
    primaryKey: ['id'],
    indexes: [
      ['lead_id', 'quoted_at'],
      ['opportunity_id', 'quoted_at'],
      ['account_id', 'quoted_at'],
      ['team_key'],
      ['quoted_at'],
    ],
  },
  {
    name: 'reminders',
    columns: [
      ['id', 'text'],
      ['key', 'text'],
      ['kind', 'text'],
      ['subject_type', 'text'],
      ['subject_id', 'text'],
      ['user_id', 'text'],
      ['due_at', 'instant'],
      ['escalate_at', 'instant', 'null'],
      ['message', 'text'],
      ['acknowledged_at', 'instant', 'null'],
      ['snoozed_until', 'instant', 'null'],
      ['delivered_at', 'instant', 'null'],
      ['escalated_at', 'instant', 'null'],
      // For the dispatcher: a lease so exactly one app server delivers each reminder.
      ['claimed_by', 'text', 'null'],
      ['claim_expires_at', 'instant', 'null'],
      ['version', 'int'],
    ],
    primaryKey: ['id'],
    unique: [['key']],
    indexes: [['user_id', 'due_at'], ['subject_type', 'subject_id'], ['escalate_at']],
  },
  {
    name: 'history_events',
    columns: [
      ['seq', 'bigint'],
      ['entity_type', 'text'],
      ['entity_id', 'text'],
      ['event', 'text'],
      ['actor_id', 'text'],
      ['at', 'instant'],
      ['version', 'int'],
      ['changes', 'json'],
      ['meta', 'json', 'null'],
    ],
    primaryKey: ['seq'],
    indexes: [
      ['entity_type', 'entity_id', 'seq'],
      ['actor_id', 'at'],
    ],
  },
  {
    name: 'merges',
    columns: [
      ['id', 'text'],
      ['entity_type', 'text'],
      ['survivor_id', 'text'],
      ['merged_id', 'text'],
      ['moved', 'json'],
      ['merged_by', 'text'],
      ['merged_at', 'instant'],
      ['undone_at', 'instant', 'null'],
      ['version', 'int'],
    ],
    primaryKey: ['id'],
    indexes: [['survivor_id'], ['merged_id']],
  },
  {
    // Written by the reports package (a later issue): a manager's verdict on a candidate duplicate pair.
    name: 'duplicate_resolutions',
    columns: [
      ['a_id', 'text'],
      ['b_id', 'text'],
      ['kind', 'text'],
      ['resolution', 'text'],
      ['resolved_by', 'text'],
      ['at', 'instant'],
    ],
    primaryKey: ['kind', 'a_id', 'b_id'],
    indexes: [['resolved_by', 'at']],
  },
];
