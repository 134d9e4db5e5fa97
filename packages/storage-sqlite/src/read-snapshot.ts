import type { AnyDb, ExportSnapshot } from '@gongfu/storage-sql';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { OneConnectionSqliteDialect, SqliteConnection } from './sqlite-connection.js';
import { CachedStatements } from './statement-cache.js';

/**
 * A read-only second connection to the file inside a read transaction: in WAL mode it keeps the
 * snapshot of its first read while the storage's own connection goes on writing, so a long export
 * never holds the connection the commands use.
 */
export async function openReadSnapshot(filename: string): Promise<ExportSnapshot> {
  const database = new Database(filename, { readonly: true, fileMustExist: true });
  database.pragma('busy_timeout = 5000');
  const db: AnyDb = new Kysely({
    dialect: new OneConnectionSqliteDialect(new SqliteConnection(new CachedStatements(database, 50))),
  });
  try {
    const trx = await db.startTransaction().setAccessMode('read only').execute();
    return {
      db: trx,
      async end() {
        try {
          await trx.commit().execute();
        } finally {
          await db.destroy();
          database.close();
        }
      },
    };
  } catch (error) {
    database.close();
    throw error;
  }
}
