import { z } from 'zod';
import { DEFAULT_TENANT_ID, type Tenant, tenantIdSchema } from '../domain/tenant.js';
import { NotFoundError, PermissionDeniedError } from '../kernel/errors.js';
import { type Clock, systemClock } from '../kernel/ports.js';
import { parseInput } from '../kernel/validate.js';
import type { CrmStorage, TenantRow } from '../storage/crm-storage.js';
import { headerLine, readTenantExport, rebaseRow, rowLine, trailerLine } from './tenant-export-format.js';

export {
  TENANT_EXPORT_FORMAT,
  TENANT_EXPORT_VERSION,
  type TenantExportHeader,
} from './tenant-export-format.js';

const createTenantInput = z.object({
  id: tenantIdSchema,
  name: z.string().trim().min(1, 'required').max(200),
});
export type CreateTenantInput = z.input<typeof createTenantInput>;

const importOptions = z.object({ id: tenantIdSchema.optional() });
const deleteOptions = z.object({ force: z.boolean().optional() });

/** Lines of an export: the whole text, or its lines one by one (e.g. from `readline`). */
export type TenantExportLines = string | Iterable<string> | AsyncIterable<string>;

export interface TenantAdminOptions {
  /** Stamps `createdAt` of new tenants. */
  clock?: Clock;
}

/**
 * Workspaces as a whole: create, list, export, import, delete. This is the operator's API (a SaaS
 * control plane, a migration script), not a salesperson's — it takes no actor, so do not expose it
 * to tenant users.
 */
export function createTenantAdmin(storage: CrmStorage, options: TenantAdminOptions = {}) {
  const clock = options.clock ?? systemClock;
  const tenants = storage.tenants;

  async function mustGet(id: string): Promise<Tenant> {
    const tenant = await tenants.get(parseInput(tenantIdSchema, id));
    if (tenant === null) throw new NotFoundError('tenant', id);
    return tenant;
  }

  return {
    /** A new, empty workspace. ConflictError when the id is taken. */
    create: async (input: CreateTenantInput): Promise<Tenant> => {
      const data = parseInput(createTenantInput, input);
      const tenant: Tenant = { id: data.id, name: data.name, createdAt: clock.now() };
      await tenants.create(tenant);
      return tenant;
    },

    list: (): Promise<Tenant[]> => tenants.list(),

    /**
     * Every row of the tenant as JSON lines (no trailing newlines): a header naming the format
     * version and the tables, one line per row (tables in a fixed order, rows by primary key), and
     * an end line with the row count. Engine-neutral: an export from SQLite imports into PostgreSQL.
     */
    async *export(id: string): AsyncIterable<string> {
      const tenant = await mustGet(id);
      yield headerLine(tenant, tenants.ownedTables);
      let count = 0;
      for await (const row of tenants.exportRows(tenant.id)) {
        count++;
        yield rowLine(row);
      }
      yield trailerLine(count);
    },

    /**
     * Restores an export into a new (or existing but empty) tenant: its own id, or `options.id` to
     * copy it under another. Read and written as a stream in one transaction: every line is checked
     * as it is read, and a bad line or a truncated file anywhere rolls the whole import back.
     * ConflictError when the target already holds data; ValidationError for a file of another
     * format or version, a truncated one, or a row that does not fit its table.
     */
    import: async (lines: TenantExportLines, opts: { id?: string } = {}): Promise<Tenant> => {
      const target = parseInput(importOptions, opts);
      const { header, rows } = await readTenantExport(lines, tenants.ownedTables);
      const id = target.id ?? header.tenant.id;
      const tenant: Tenant = { id, name: header.tenant.name, createdAt: header.tenant.createdAt };
      await tenants.importRows(tenant, rebased(rows, header.tenant.id, id));
      return (await tenants.get(id)) ?? tenant;
    },

    /**
     * Removes the tenant and every row it owns. The default workspace holds a single-tenant app's
     * data, so deleting it needs `{ force: true }`.
     */
    delete: async (id: string, opts: { force?: boolean } = {}): Promise<void> => {
      const { force } = parseInput(deleteOptions, opts);
      const tenant = await mustGet(id);
      if (tenant.id === DEFAULT_TENANT_ID && force !== true) {
        throw new PermissionDeniedError(
          'delete the default tenant',
          'it holds the data of every app that names no tenant; pass { force: true } to delete it anyway',
        );
      }
      await tenants.delete(tenant.id);
    },
  };
}

export type TenantAdmin = ReturnType<typeof createTenantAdmin>;

async function* rebased(rows: AsyncIterable<TenantRow>, from: string, to: string): AsyncGenerator<TenantRow> {
  for await (const row of rows) yield rebaseRow(row, from, to);
}

/** The whole export as one string, newline-terminated lines (for a file or an HTTP body). */
export async function exportToString(lines: AsyncIterable<string>): Promise<string> {
  const out: string[] = [];
  for await (const line of lines) out.push(`${line}\n`);
  return out.join('');
}
