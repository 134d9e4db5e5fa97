/**
 * A generated tenant loaded into PostgreSQL by COPY, for the read-path bench's seeds: the same
 * rows `TenantStore.importRows` writes (proved table by table by bench/seed-equality.ts), many
 * times cheaper. The import inserts in short transactions, each row checked against its tenant's
 * foreign key, and each team row's trigger updates its record's `team_owner_id` (four UPDATE
 * statements per team row, 12n at n records per kind). Here the rows are read twice: first only
 * the owner team rows, into a map, then every table in one COPY with the row triggers off
 * (`session_replication_role = replica`), each record carrying the `team_owner_id` the triggers
 * would have derived. The users go in with their triggers on: the tenant's `org_version` counts
 * them, as in the import. The tables' indexes (all but those behind constraints) are dropped for
 * the load and built again from the rows at its end, in the same transaction. Bench seeding only — the product's import must stay short transactions
 * beside live commands; a seed has the database to itself.
 */
import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { TenantRow } from '@gongfu/core';
import postgres from 'postgres';
import { postgresEngine } from '../packages/storage-sql/src/engine/postgres-engine.js';
import {
  encodeTenantRow,
  TENANT_OWNED_TABLE_DEFS,
} from '../packages/storage-sql/src/stores/tenant-row-codec.js';

/** Tables whose `team_owner_id` the team-row triggers derive (migration 0023). */
const TEAM_OWNED = new Set(['leads', 'opportunities', 'activities', 'cost_entries']);

/** Tables whose row triggers stay on during the COPY: the tenant's org version counts users. */
const TRIGGERS_KEPT = new Set(['users']);

/** Characters of COPY text gathered before a write to the server. */
const WRITE_CHARS = 1 << 20;

const COLUMNS = new Map(
  TENANT_OWNED_TABLE_DEFS.map((d) => [
    d.name,
    ['tenant_id', ...d.columns.map(([c]) => c), ...(TEAM_OWNED.has(d.name) ? ['team_owner_id'] : [])],
  ]),
);

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One cell in COPY's text format: `\N` for null, backslash escapes for the special characters. */
export function copyCell(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = typeof value === 'string' ? value : String(value);
  return /[\\\n\r\t]/.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c] as string) : text;
}

/**
 * Team key → the user of its owner row with edit access: what the triggers (0023) copy into
 * `team_owner_id` (the unique index `team_members_one_owner_uq` allows one such row per key).
 */
export function teamOwners(rows: Iterable<TenantRow>): Map<string, string> {
  const owners = new Map<string, string>();
  for (const { table, row } of rows)
    if (table === 'team_members' && row.is_owner === true && row.access === 'edit')
      owners.set(row.team_key as string, row.user_id as string);
  return owners;
}

export interface CopySeedOptions {
  url: string;
  schema: string;
  tenant: { id: string; name: string; createdAt: string };
  /** The tenant's rows in export order; called twice (the owner rows first). */
  rows: () => Iterable<TenantRow>;
  /** Called as rows are written: rows written so far. */
  onProgress?: (done: number) => void;
}

/** CPU ms a PostgreSQL backend on this machine has used (its /proc stat), or NaN elsewhere. */
function backendCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Loads the rows as a new tenant in one transaction; the rows written and the server's CPU ms. */
export async function copySeed({
  url,
  schema,
  tenant,
  rows,
  onProgress,
}: CopySeedOptions): Promise<{ rows: number; serverCpuMs: number }> {
  const owners = teamOwners(rows());
  const sql = postgres(url, { max: 1, onnotice: () => undefined, connection: { search_path: schema } });
  let done = 0;
  let topSeq = 0;
  try {
    const [backend] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const pid = backend?.pid ?? 0;
    const cpuBefore = backendCpuMs(pid);
    await sql.begin(async (tx) => {
      await tx`insert into tenants (tenant_id, name, created_at) values (${tenant.id}, ${tenant.name}, ${tenant.createdAt})`;
      // Indexes built once from the loaded rows (by sort) rather than probed row by row: at 1M the
      // b-trees outgrow shared_buffers and each inserted row costs a page read per index.
      const rebuilt = await tx<{ name: string; definition: string }[]>`
        select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
        from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relname in ${tx([...COLUMNS.keys()])}
          and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`;
      for (const { name } of rebuilt) await tx.unsafe(`drop index ${name}`);
      let table: string | undefined;
      let stream: Writable | undefined;
      let text: string[] = [];
      let chars = 0;
      const flush = async () => {
        if (stream === undefined || text.length === 0) return;
        const s = stream;
        const chunk = text.join('');
        text = [];
        chars = 0;
        if (!s.write(chunk)) await new Promise((resolve) => s.once('drain', resolve));
        onProgress?.(done);
      };
      const close = async () => {
        await flush();
        if (stream === undefined) return;
        const s = stream;
        stream = undefined;
        await new Promise<void>((resolve, reject) => {
          s.once('error', reject);
          s.end(() => resolve());
        });
      };
      for (const row of rows()) {
        if (row.table !== table) {
          await close();
          table = row.table;
          const columns = COLUMNS.get(table);
          if (columns === undefined) throw new Error(`unknown table ${table}`);
          await tx.unsafe(
            `set local session_replication_role = ${TRIGGERS_KEPT.has(table) ? 'origin' : 'replica'}`,
          );
          stream = (await tx`copy ${tx(table)} (${tx(columns)}) from stdin`.writable()) as Writable;
        }
        if (table === 'history_events') topSeq = Math.max(topSeq, row.row.seq as number);
        const cells = Object.values(encodeTenantRow(postgresEngine, tenant.id, row));
        if (TEAM_OWNED.has(table)) cells.push(owners.get(row.row.team_key as string) ?? null);
        const line = `${cells.map(copyCell).join('\t')}\n`;
        text.push(line);
        chars += line.length;
        done++;
        if (chars >= WRITE_CHARS) await flush();
      }
      await close();
      await tx.unsafe('set local session_replication_role = origin');
      await tx.unsafe(`set local maintenance_work_mem = '256MB'`);
      for (const { definition } of rebuilt) await tx.unsafe(definition);
      // As the import does: the shared history sequence moves past the imported numbers.
      if (topSeq > 0)
        await tx`select setval('history_events_seq', greatest(${topSeq}::bigint, (select last_value from history_events_seq)))`;
    });
    onProgress?.(done);
    return { rows: done, serverCpuMs: backendCpuMs(pid) - cpuBefore };
  } finally {
    await sql.end();
  }
}
