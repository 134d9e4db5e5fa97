import { z } from 'zod';
import { ValidationError } from '../kernel/errors.js';
import { instantSchema } from '../kernel/time.js';
import type { TenantRow } from '../storage/crm-storage.js';
import { type Tenant, tenantIdSchema } from './tenant.js';

/**
 * The tenant export, as JSON lines: a header, one line per row, a trailer.
 *
 * ```
 * {"format":"gongfu.tenant-export","version":1,"tenant":{…},"tables":["users",…]}
 * {"table":"users","row":{"id":"user_1",…}}
 * …
 * {"end":true,"rows":1234}
 * ```
 * The trailer's count lets an import tell a complete file from a truncated one.
 *
 * `version` names this line format; the schema's growth is carried by the header's `tables`. A
 * file naming a table this storage lacks (a newer schema) is refused; an older file lacking a table
 * imports with that table empty, and what the table derives from is rebuilt by the storage — files
 * from before the `counters` table get their order-number counter from their orders' numbers
 * (`TenantStore.importRows`). So adding a table does not bump `version`, and old files stay readable.
 */
export const TENANT_EXPORT_FORMAT = 'gongfu.tenant-export';
export const TENANT_EXPORT_VERSION = 1;

const headerSchema = z.object({
  format: z.literal(TENANT_EXPORT_FORMAT, { message: `not a ${TENANT_EXPORT_FORMAT} file` }),
  version: z.literal(TENANT_EXPORT_VERSION, {
    message: `unsupported export version (this SDK reads version ${TENANT_EXPORT_VERSION})`,
  }),
  tenant: z.object({ id: tenantIdSchema, name: z.string().min(1), createdAt: instantSchema }),
  tables: z.array(z.string().min(1)),
});
export type TenantExportHeader = z.output<typeof headerSchema>;

const rowSchema = z.object({ table: z.string().min(1), row: z.record(z.string(), z.unknown()) }).strict();
const trailerSchema = z.object({ end: z.literal(true), rows: z.number().int().min(0) }).strict();

export function headerLine(tenant: Tenant, tables: readonly string[]): string {
  const header: TenantExportHeader = {
    format: TENANT_EXPORT_FORMAT,
    version: TENANT_EXPORT_VERSION,
    tenant: { id: tenant.id, name: tenant.name, createdAt: tenant.createdAt },
    tables: [...tables],
  };
  return JSON.stringify(header);
}

/**
 * JSON with object keys sorted at every depth: PostgreSQL's jsonb reorders keys while SQLite keeps
 * them as written, and equal data must give byte-equal exports on both engines.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k]]),
    );
  });
}

export const rowLine = (row: TenantRow): string => canonicalJson({ table: row.table, row: row.row });
export const trailerLine = (rows: number): string => JSON.stringify({ end: true, rows });

function jsonOf(text: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError([{ field: `line ${line}`, message: 'not valid JSON' }]);
  }
}

function parseLine<S extends z.ZodType>(schema: S, value: unknown, line: number): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((i) => ({
      field: [`line ${line}`, ...i.path.map(String)].join('.'),
      message: i.message,
    })),
  );
}

/** Lines of an export: the whole text, or its lines one by one (e.g. from `readline`). */
export type TenantExportLines = string | Iterable<string> | AsyncIterable<string>;

export interface ParsedTenantExport {
  header: TenantExportHeader;
  rows: TenantRow[];
}

/**
 * Parses a whole export, checking its shape before anything is written: the header's format and
 * version, every row's table named in the header and known to this storage, and the trailer's count.
 */
export async function parseTenantExport(
  lines: TenantExportLines,
  knownTables: readonly string[],
): Promise<ParsedTenantExport> {
  const source = typeof lines === 'string' ? lines.split('\n') : lines;
  let header: TenantExportHeader | null = null;
  let trailer: { rows: number } | null = null;
  const rows: TenantRow[] = [];
  let n = 0;
  for await (const raw of source) {
    // One chunk may carry several lines (a file read in blocks); blank lines are ignored.
    for (const text of raw.split('\n')) {
      n++;
      if (text.trim() === '') continue;
      if (trailer !== null)
        throw new ValidationError([{ field: `line ${n}`, message: 'content after the end line' }]);
      const value = jsonOf(text, n);
      if (header === null) {
        header = parseLine(headerSchema, value, n);
        const unknown = header.tables.filter((t) => !knownTables.includes(t));
        if (unknown.length > 0) {
          const message = `this storage has no table ${unknown.join(', ')} (exported by a newer schema?)`;
          throw new ValidationError([{ field: 'tables', message }]);
        }
      } else if (typeof value === 'object' && value !== null && 'end' in value) {
        trailer = parseLine(trailerSchema, value, n);
      } else {
        const row = parseLine(rowSchema, value, n);
        if (!header.tables.includes(row.table)) {
          throw new ValidationError([
            { field: `line ${n}.table`, message: `table ${row.table} is not in the header` },
          ]);
        }
        rows.push(row);
      }
    }
  }
  if (header === null) throw new ValidationError([{ field: 'line 1', message: 'the export is empty' }]);
  if (trailer === null || trailer.rows !== rows.length) {
    const message =
      trailer === null
        ? 'no end line: the export is truncated'
        : `the end line counts ${trailer.rows} rows, found ${rows.length}`;
    throw new ValidationError([{ field: 'end', message }]);
  }
  return { header, rows };
}

/**
 * Records carry their tenant inside the stored document (and creation history names it); a tenant
 * imported under a new id must say the new id there too, or its records could not be updated.
 */
export function rebaseRow(row: TenantRow, from: string, to: string): TenantRow {
  if (from === to) return row;
  const out = { ...row.row };
  const doc = out.doc as Record<string, unknown> | null | undefined;
  if (doc && typeof doc === 'object' && doc.tenantId === from) out.doc = { ...doc, tenantId: to };
  const changes = out.changes as Record<string, { from: unknown; to: unknown }> | null | undefined;
  const change = changes?.tenantId;
  if (changes && change && typeof change === 'object') {
    const swap = (v: unknown) => (v === from ? to : v);
    out.changes = { ...changes, tenantId: { from: swap(change.from), to: swap(change.to) } };
  }
  return { table: row.table, row: out };
}
