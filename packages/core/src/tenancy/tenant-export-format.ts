import { z } from 'zod';
import { fieldIssue, ValidationError } from '../kernel/errors.js';
import { instantSchema } from '../kernel/time.js';
import { zodIssueAt } from '../kernel/validate.js';
import type { TenantRow } from '../storage/crm-storage.js';
import { type Tenant, tenantIdSchema } from './tenant.js';
import { sayTenant } from './tenant-messages.js';

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
  format: z.literal(TENANT_EXPORT_FORMAT, { message: 'tenant.export.notExport' }),
  version: z.literal(TENANT_EXPORT_VERSION, { message: 'tenant.export.version' }),
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
    throw new ValidationError([fieldIssue(`line ${line}`, sayTenant('tenant.export.notJson'))]);
  }
}

function parseLine<S extends z.ZodType>(schema: S, value: unknown, line: number): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((i) => {
      const field = [`line ${line}`, ...i.path.map(String)].join('.');
      // The header's own sentences carry what they name (the format, the version this SDK reads).
      if (i.message === 'tenant.export.notExport')
        return fieldIssue(field, sayTenant('tenant.export.notExport', { format: TENANT_EXPORT_FORMAT }));
      if (i.message === 'tenant.export.version')
        return fieldIssue(field, sayTenant('tenant.export.version', { version: TENANT_EXPORT_VERSION }));
      return zodIssueAt(field, i);
    }),
  );
}

/** Lines of an export: the whole text, or its lines one by one (e.g. from `readline`). */
export type TenantExportLines = string | Iterable<string> | AsyncIterable<string>;

export interface ParsedTenantExport {
  header: TenantExportHeader;
  rows: TenantRow[];
}

export interface TenantExportStream {
  header: TenantExportHeader;
  /**
   * The rows, each checked as it is read; after the last one the trailer's count is checked, and
   * a missing or wrong count throws there — so a consumer writing in one transaction rolls back.
   */
  rows: AsyncGenerator<TenantRow>;
}

/** Every line of `lines`, numbered from 1; a chunk may carry several lines (a file read in blocks). */
async function* numberedLines(lines: string | Iterable<string> | AsyncIterable<string>) {
  const source = typeof lines === 'string' ? lines.split('\n') : lines;
  let n = 0;
  for await (const raw of source) {
    for (const text of raw.split('\n')) {
      n++;
      yield { text, n };
    }
  }
}

/**
 * Reads an export as a stream: the header first (format, version, tables known to this storage),
 * then rows one at a time (each line's shape and table), then the trailer's count. Nothing is held
 * but the line being read, so a million-row tenant imports in flat memory.
 */
export async function readTenantExport(
  lines: string | Iterable<string> | AsyncIterable<string>,
  knownTables: readonly string[],
): Promise<TenantExportStream> {
  const source = numberedLines(lines);
  let header: TenantExportHeader | null = null;
  for (let next = await source.next(); !next.done; next = await source.next()) {
    const { text, n } = next.value;
    if (text.trim() === '') continue;
    header = parseLine(headerSchema, jsonOf(text, n), n);
    const unknown = header.tables.filter((t) => !knownTables.includes(t));
    if (unknown.length > 0) {
      throw new ValidationError([
        fieldIssue('tables', sayTenant('tenant.export.unknownTables', { tables: unknown.join(', ') })),
      ]);
    }
    break;
  }
  if (header === null) throw new ValidationError([fieldIssue('line 1', sayTenant('tenant.export.empty'))]);
  return { header, rows: rowsOf(header, source) };
}

async function* rowsOf(
  header: TenantExportHeader,
  source: AsyncGenerator<{ text: string; n: number }>,
): AsyncGenerator<TenantRow> {
  let trailer: { rows: number } | null = null;
  let count = 0;
  for await (const { text, n } of source) {
    if (text.trim() === '') continue;
    if (trailer !== null)
      throw new ValidationError([fieldIssue(`line ${n}`, sayTenant('tenant.export.afterEnd'))]);
    const value = jsonOf(text, n);
    if (typeof value === 'object' && value !== null && 'end' in value) {
      trailer = parseLine(trailerSchema, value, n);
      continue;
    }
    const row = parseLine(rowSchema, value, n);
    if (!header.tables.includes(row.table)) {
      throw new ValidationError([
        fieldIssue(`line ${n}.table`, sayTenant('tenant.export.tableNotInHeader', { table: row.table })),
      ]);
    }
    count++;
    yield row;
  }
  if (trailer === null || trailer.rows !== count) {
    const problem =
      trailer === null
        ? sayTenant('tenant.export.truncated')
        : sayTenant('tenant.export.countMismatch', { expected: trailer.rows, found: count });
    throw new ValidationError([fieldIssue('end', problem)]);
  }
}

/** Reads a whole export into memory, checked end to end (small files, tests). */
export async function parseTenantExport(
  lines: TenantExportLines,
  knownTables: readonly string[],
): Promise<ParsedTenantExport> {
  const { header, rows } = await readTenantExport(lines, knownTables);
  const all: TenantRow[] = [];
  for await (const row of rows) all.push(row);
  return { header, rows: all };
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
