import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type TransactionSettings,
} from 'kysely';

const BEGIN_IMMEDIATE = CompiledQuery.raw('begin immediate');
const BEGIN_DEFERRED = CompiledQuery.raw('begin');

/**
 * A write transaction must take SQLite's write lock at BEGIN: a deferred BEGIN that reads and then
 * writes fails at once with SQLITE_BUSY when another connection wrote in between, and busy_timeout
 * cannot help that case. Read-only transactions keep the deferred BEGIN (a WAL snapshot).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(
    connection: DatabaseConnection,
    settings?: TransactionSettings,
  ): Promise<void> {
    await connection.executeQuery(settings?.accessMode === 'read only' ? BEGIN_DEFERRED : BEGIN_IMMEDIATE);
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  // SqliteDialect keeps its config private, so keep our own copy for the driver.
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
