import { NotFoundError, PermissionDeniedError } from '../kernel/errors.js';
import { type Clock, systemClock } from '../kernel/ports.js';
import { parseInput } from '../kernel/validate.js';
import type { CrmStorage, TenantRow } from '../storage/crm-storage.js';
import {
  type CreateTenantInput,
  createTenantInput,
  DEFAULT_TENANT_ID,
  type DeleteTenantOptions,
  deleteTenantOptions,
  type ImportTenantOptions,
  importTenantOptions,
  type Tenant,
  tenantIdSchema,
} from './tenant.js';
import {
  headerLine,
  readTenantExport,
  rebaseRow,
  rowLine,
  type TenantExportLines,
  trailerLine,
} from './tenant-export-format.js';
import { sayTenant } from './tenant-messages.js';

export interface TenantAdminOptions {
  /** Stamps `createdAt` of new tenants. */
  clock?: Clock;
}

/**
 * Workspaces (租户) as a whole: create, list, export, import, delete. This is the operator's API (a
 * SaaS control plane, a migration script), not a salesperson's — it takes no actor, so do not expose
 * it to tenant users.
 */
export interface TenantAdmin {
  /**
   * A new, empty workspace for one company. CONFLICT when the id is taken.
   * @example
   * ```ts
   * const admin = createTenantAdmin(storage);
   * await admin.create({ id: 'hengtong', name: '山东恒通系统集成有限公司' });
   * const crm = createCrm({ storage, tenant: 'hengtong' });
   * ```
   */
  create(input: CreateTenantInput): Promise<Tenant>;
  /**
   * Every workspace in the storage.
   * @example
   * ```ts
   * for (const t of await admin.list()) console.log(t.id, t.name, t.createdAt);
   * ```
   */
  list(): Promise<Tenant[]>;
  /**
   * Every row of the workspace as JSON lines (no trailing newlines): a header naming the format
   * version and the tables, one line per row (tables in a fixed order, rows by primary key), and an
   * end line with the row count. Engine-neutral: an export from SQLite imports into PostgreSQL.
   * NOT_FOUND for an unknown workspace.
   * @example
   * ```ts
   * const file = createWriteStream('hengtong.jsonl');
   * for await (const line of admin.export('hengtong')) file.write(`${line}\n`);
   * // a small workspace in one go:
   * await writeFile('hengtong.jsonl', await exportToString(admin.export('hengtong')));
   * ```
   */
  export(id: string): AsyncIterable<string>;
  /**
   * Restore an export into a new (or existing but empty) workspace: its own id, or `options.id` to
   * copy it under another. Read and written a batch at a time in short transactions, so commands of
   * other workspaces go on meanwhile; the workspace is neither listed nor found until the last row
   * is in, and a failure removes what was written (all-or-nothing as users see it). An import that
   * was stopped (a crash) continues where it stopped when the same file is imported again.
   * CONFLICT when the target already holds data or is importing another file; VALIDATION for a file
   * of another format or version, a truncated one, or a row that does not fit its table.
   * @example
   * ```ts
   * const lines = createInterface({ input: createReadStream('hengtong.jsonl') });
   * await pgAdmin.import(lines);                              // moved from SQLite to PostgreSQL
   * await pgAdmin.import(text, { id: 'hengtong-training' });  // a copy to train new staff on
   * ```
   */
  import(lines: TenantExportLines, options?: ImportTenantOptions): Promise<Tenant>;
  /**
   * Remove the workspace and every row it owns. The default workspace holds a single-tenant app's
   * data, so deleting it needs `{ force: true }`.
   * @example
   * ```ts
   * await admin.delete('hengtong-training');
   * ```
   */
  delete(id: string, options?: DeleteTenantOptions): Promise<void>;
}

/**
 * The operator's handle on the workspaces of one storage.
 * @example
 * ```ts
 * const admin = createTenantAdmin(storage, { clock });
 * ```
 */
export function createTenantAdmin(storage: CrmStorage, options: TenantAdminOptions = {}): TenantAdmin {
  const clock = options.clock ?? systemClock;
  const tenants = storage.tenants;

  async function mustGet(id: string): Promise<Tenant> {
    const tenant = await tenants.get(parseInput(tenantIdSchema, id));
    if (tenant === null) throw new NotFoundError('tenant', id);
    return tenant;
  }

  return {
    create: async (input) => {
      const data = parseInput(createTenantInput, input);
      const tenant: Tenant = { id: data.id, name: data.name, createdAt: clock.now() };
      await tenants.create(tenant);
      return tenant;
    },

    list: () => tenants.list(),

    async *export(id) {
      const tenant = await mustGet(id);
      yield headerLine(tenant, tenants.ownedTables);
      let count = 0;
      for await (const row of tenants.exportRows(tenant.id)) {
        count++;
        yield rowLine(row);
      }
      yield trailerLine(count);
    },

    import: async (lines, opts = {}) => {
      const target = parseInput(importTenantOptions, opts);
      const { header, rows } = await readTenantExport(lines, tenants.ownedTables);
      const id = target.id ?? header.tenant.id;
      const tenant: Tenant = { id, name: header.tenant.name, createdAt: header.tenant.createdAt };
      // The header names the export: a stopped import of the same file continues where it stopped.
      await tenants.importRows(tenant, rebased(rows, header.tenant.id, id), {
        source: JSON.stringify(header),
      });
      return (await tenants.get(id)) ?? tenant;
    },

    delete: async (id, opts = {}) => {
      const { force } = parseInput(deleteTenantOptions, opts);
      const tenant = await mustGet(id);
      if (tenant.id === DEFAULT_TENANT_ID && force !== true) {
        throw new PermissionDeniedError(
          sayTenant('tenant.action.deleteDefault'),
          sayTenant('tenant.denied.defaultTenant'),
        );
      }
      await tenants.delete(tenant.id);
    },
  };
}

async function* rebased(rows: AsyncIterable<TenantRow>, from: string, to: string): AsyncGenerator<TenantRow> {
  for await (const row of rows) yield rebaseRow(row, from, to);
}

/** The whole export as one string, newline-terminated lines (for a file or an HTTP body). */
export async function exportToString(lines: AsyncIterable<string>): Promise<string> {
  const out: string[] = [];
  for await (const line of lines) out.push(`${line}\n`);
  return out.join('');
}
