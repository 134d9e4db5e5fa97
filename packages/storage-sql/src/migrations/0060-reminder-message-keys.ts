import type { Migration } from 'kysely';
import type { AnyDb } from '../any-db.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { addNullableColumns, type TableDef } from './define-table.js';

/**
 * A reminder's text as a message key and its parameters, so it renders in the reader's language
 * when it is read, not in the language of whoever wrote the record that raised it. Rows written
 * before have neither and keep their stored (English) `message`.
 */
export const REMINDER_MESSAGE_COLUMNS_0060: TableDef['columns'] = [
  ['message_key', 'text', 'null'],
  ['message_params', 'json', 'null'],
];

export function reminderMessageKeys(engine: SqlEngine): Migration {
  return {
    async up(db: AnyDb) {
      await addNullableColumns(db, engine, 'reminders', REMINDER_MESSAGE_COLUMNS_0060);
    },
  };
}
