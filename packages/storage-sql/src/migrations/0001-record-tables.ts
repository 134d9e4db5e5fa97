import { type TableDef, versionedTable } from './define-table.js';

/**
 * Versioned aggregates (migration 0001; frozen — later changes go in new migrations). Projected
 * columns exist for what is filtered, sorted, scoped or aggregated; the record itself is `doc`.
 */
export const RECORD_TABLES_0001: readonly TableDef[] = [
  versionedTable(
    'users',
    [
      ['name', 'text'],
      ['email', 'text', 'null'],
      ['role', 'text'],
      ['manager_id', 'text', 'null'],
      ['channel', 'text', 'null'],
      ['active', 'bool'],
    ],
    { unique: [['email']], indexes: [['manager_id'], ['active']] },
  ),
  versionedTable(
    'accounts',
    [
      ['name', 'text'],
      ['kind', 'text'],
      ['channel', 'text', 'null'],
      ['credit_code', 'text', 'null'],
      ['merged_into_id', 'text', 'null'],
      ['search', 'text'],
    ],
    { indexes: [['kind'], ['merged_into_id'], ['credit_code']] },
  ),
  versionedTable(
    'contacts',
    [
      ['account_id', 'text'],
      ['name', 'text'],
      ['search', 'text'],
    ],
    { indexes: [['account_id']] },
  ),
  versionedTable(
    'products',
    [
      ['sku', 'text'],
      ['category', 'text'],
      ['kind', 'text'],
      ['active', 'bool'],
      ['list_price_minor', 'money', 'null'],
      ['currency', 'text', 'null'],
    ],
    { unique: [['sku']], indexes: [['category']] },
  ),
  versionedTable(
    'leads',
    [
      ['status', 'text'],
      ['channel', 'text'],
      ['source', 'text'],
      ['received_at', 'instant'],
      ['account_id', 'text', 'null'],
      ['last_contact_at', 'instant', 'null'],
      ['search', 'text'],
    ],
    { indexes: [['status', 'created_at'], ['received_at'], ['channel'], ['account_id']] },
  ),
  versionedTable(
    'opportunities',
    [
      ['stage', 'text'],
      ['channel', 'text'],
      ['account_id', 'text'],
      ['lead_id', 'text', 'null'],
      ['amount_minor', 'money'],
      ['currency', 'text'],
      ['probability', 'int'],
      ['forecast_category', 'text'],
      ['stage_entered_at', 'instant'],
      ['expected_close', 'date', 'null'],
      ['closed_at', 'instant', 'null'],
      ['duplicate_of_id', 'text', 'null'],
    ],
    { indexes: [['stage'], ['account_id'], ['updated_at'], ['expected_close'], ['closed_at']] },
  ),
  versionedTable(
    'orders',
    [
      ['number', 'text'],
      ['status', 'text'],
      ['channel', 'text'],
      ['account_id', 'text'],
      ['opportunity_id', 'text', 'null'],
      ['amount_minor', 'money'],
      ['currency', 'text'],
      ['promised_delivery', 'date', 'null'],
      ['delivered_at', 'instant', 'null'],
    ],
    { unique: [['number']], indexes: [['status'], ['account_id'], ['opportunity_id']] },
  ),
  versionedTable(
    'service_cases',
    [
      ['status', 'text'],
      ['kind', 'text'],
      ['account_id', 'text'],
      ['order_id', 'text'],
      ['assignee_id', 'text', 'null'],
      ['serial', 'text', 'null'],
      ['warranty_until', 'date', 'null'],
      ['resolved_at', 'instant', 'null'],
    ],
    { indexes: [['status'], ['order_id'], ['account_id'], ['serial']] },
  ),
  versionedTable(
    'activities',
    [
      ['kind', 'text'],
      ['status', 'text'],
      ['start_at', 'instant'],
      ['end_at', 'instant'],
      ['lead_id', 'text', 'null'],
      ['opportunity_id', 'text', 'null'],
      ['account_id', 'text', 'null'],
      ['completed_at', 'instant', 'null'],
    ],
    {
      indexes: [
        ['status'],
        ['start_at'],
        ['owner_id', 'start_at'],
        ['lead_id'],
        ['opportunity_id'],
        ['account_id'],
      ],
    },
  ),
  versionedTable(
    'demo_loans',
    [
      ['sku', 'text'],
      ['serial', 'text'],
      ['account_id', 'text'],
      ['opportunity_id', 'text', 'null'],
      ['loaned_at', 'instant'],
      ['due_back', 'date'],
      ['returned_at', 'instant', 'null'],
    ],
    { indexes: [['account_id'], ['opportunity_id'], ['due_back']] },
  ),
  versionedTable(
    'cost_entries',
    [
      ['category', 'text'],
      ['amount_minor', 'money'],
      ['currency', 'text'],
      ['incurred_on', 'date'],
      ['opportunity_id', 'text', 'null'],
      ['account_id', 'text', 'null'],
      ['lead_id', 'text', 'null'],
    ],
    {
      indexes: [
        ['incurred_on'],
        ['owner_id', 'incurred_on'],
        ['opportunity_id'],
        ['account_id'],
        ['lead_id'],
      ],
    },
  ),
];
