import { createReadStream, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type CrmStorage, createCrm, isCrmError } from '@gongfu/core';
import cliProgress from 'cli-progress';
import { IMPORT_ENTITIES, type ImportEntity } from '../import-kinds.js';
import { dryRunImport, type ImportOptions, runImport } from '../import-run.js';

/** `gongfu-import import-csv --help`; also printed after a usage error. */
export const IMPORT_USAGE = `Usage: gongfu-import import-csv --db <file> | --pg <url> [--schema <name>]
         --kind <accounts|contacts|leads|products> --file <rows.csv | rows.jsonl>
         --as <userId> --run-id <id> [--dry-run] [--tenant <id>] [--batch <rows>]
         [--duplicates skip|import|off]
  Check every row (--dry-run writes nothing and reports valid, invalid with field and reason, and
  probable duplicates with why), or import them in batches. A progress bar on stderr counts the
  rows read; rows are numbered from the first data row (a CSV header is not a row). Rerun with
  the same --run-id after a crash: rows already committed are skipped.
  --db <file>       a SQLite file (created and migrated when missing)
  --pg <url>        a PostgreSQL connection string; GONGFU_PG_URL is used when neither is given
  --schema <name>   the PostgreSQL schema Gongfu's tables are in (default: the search_path)
  --kind <kind>     what each row is: accounts, contacts, leads or products
  --file <file>     CSV with the create command's fields as headers, or JSON lines (.jsonl)
  --as <userId>     who imports (their permissions and scope apply to every row)
  --run-id <id>     names the run; the same id resumes it
  --dry-run         check only, write nothing
  --tenant <id>     the workspace (default: the single-tenant default)
  --batch <rows>    rows per transaction (default 500)
  --duplicates      skip (default) rows that look like an existing record, import them anyway,
                    or off (no duplicate check)
Exit codes: 0 done, 1 the import failed (unknown user, permission), 2 wrong usage.
The command word may be left out; --entity <account|…> and --run <id> are accepted as before.`;

export interface ImportCliIo {
  out(text: string): void;
  err(text: string): void;
  /** The progress bar's stream; the bar stays silent when it is not a terminal. */
  progressStream?: NodeJS.WriteStream;
  /** Where GONGFU_PG_URL is read from (default: process.env). */
  env?: Record<string, string | undefined>;
}

/** The one command of `gongfu-import`; `gongfu-import <flags>` without it means the same. */
const COMMAND = 'import-csv';

/**
 * The `gongfu-import` command (`gongfu-import import-csv …`). It lives here rather than in the
 * `gongfu` CLI of @gongfu/reports because @gongfu/import depends on @gongfu/reports.
 * Exit codes: 0 done, 1 the import failed, 2 wrong usage.
 */
export async function runImportCli(argv: readonly string[], io: ImportCliIo): Promise<number> {
  const rest = argv[0] === COMMAND ? argv.slice(1) : argv;
  if (rest.includes('--help') || rest.includes('-h') || argv[0] === 'help') {
    io.out(IMPORT_USAGE);
    return 0;
  }
  let args: ReturnType<typeof parse>;
  try {
    if (rest[0] !== undefined && !rest[0].startsWith('-')) throw new Error(`unknown command ${rest[0]}`);
    args = parse(rest, io.env ?? process.env);
  } catch (e) {
    io.err(`gongfu-import: ${e instanceof Error ? e.message : String(e)}\n\n${IMPORT_USAGE}`);
    return 2;
  }
  const storage = await openStorage(args.store);
  const bar = new cliProgress.SingleBar(
    { format: 'importing {bar} {value}/{total} rows', stream: io.progressStream ?? process.stderr },
    cliProgress.Presets.shades_classic,
  );
  try {
    const crm = createCrm({ storage, ...(args.tenant ? { tenant: args.tenant } : {}) });
    bar.start(await countLines(args.file), 0);
    const options: ImportOptions = {
      entity: args.entity,
      runId: args.run,
      source: { path: args.file },
      batchSize: args.batch,
      duplicates: args.duplicates,
      onProgress: (p) => bar.update(p.read),
    };
    const report = await (args.dryRun ? dryRunImport : runImport)(crm, { id: args.as }, options);
    bar.stop();
    io.out(JSON.stringify({ runId: report.runId, dryRun: report.dryRun, counts: report.counts }, null, 2));
    for (const row of report.rows.filter((r) => r.status === 'invalid' || r.status === 'duplicate'))
      io.out(`row ${row.line}: ${row.status} — ${describeRow(row)}`);
    return 0;
  } catch (e) {
    bar.stop();
    if (!isCrmError(e)) throw e;
    io.err(`gongfu-import: ${e.code}: ${e.message}`);
    return 1;
  } finally {
    await storage.close();
  }
}

function describeRow(row: {
  issues?: { field: string; message: string }[];
  duplicates?: { message: string }[];
}) {
  if (row.issues) return row.issues.map((i) => `${i.field || '(row)'}: ${i.message}`).join('; ');
  return (row.duplicates ?? []).map((d) => d.message).join('; ');
}

/** `--kind accounts` (or the singular, or the older `--entity account`) to the import's entity. */
function entityOf(kind: string): ImportEntity {
  const singular = kind.endsWith('s') ? kind.slice(0, -1) : kind;
  if (IMPORT_ENTITIES.includes(singular as ImportEntity)) return singular as ImportEntity;
  throw new Error(`--kind must be one of ${IMPORT_ENTITIES.map((e) => `${e}s`).join(', ')}`);
}

/** Where the data is: a SQLite file, or PostgreSQL (optionally in a schema). */
type StoreTarget = { kind: 'sqlite'; filename: string } | { kind: 'pg'; url: string; schema?: string };

function parse(argv: readonly string[], env: Record<string, string | undefined>) {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      db: { type: 'string' },
      pg: { type: 'string' },
      schema: { type: 'string' },
      kind: { type: 'string' },
      entity: { type: 'string' },
      file: { type: 'string' },
      'run-id': { type: 'string' },
      run: { type: 'string' },
      as: { type: 'string' },
      tenant: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      batch: { type: 'string', default: '500' },
      duplicates: { type: 'string', default: 'skip' },
    },
  });
  const given = (v: string | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const need = (name: string, v: string | undefined) => {
    const got = given(v);
    if (got === undefined) throw new Error(`--${name} is required`);
    return got;
  };
  const entity = entityOf(need('kind', values.kind ?? values.entity));
  const file = need('file', values.file);
  if (!existsSync(file)) throw new Error(`no file at ${file}`);
  const batch = Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000)
    throw new Error('--batch must be a whole number from 1 to 10000');
  const duplicates = values.duplicates as 'skip' | 'import' | 'off';
  if (duplicates !== 'skip' && duplicates !== 'import' && duplicates !== 'off')
    throw new Error('--duplicates must be skip, import or off');
  return {
    store: storeOf(values, env),
    entity,
    file,
    run: need('run-id', values['run-id'] ?? values.run),
    as: need('as', values.as),
    tenant: given(values.tenant),
    dryRun: values['dry-run'] === true,
    batch,
    duplicates,
  };
}

/** --db a file (or, as before, a postgres:// URL), --pg a URL, else GONGFU_PG_URL. */
function storeOf(
  values: { db?: string | undefined; pg?: string | undefined; schema?: string | undefined },
  env: Record<string, string | undefined>,
): StoreTarget {
  if (values.db !== undefined && values.pg !== undefined) throw new Error('give --db or --pg, not both');
  const schema = values.schema?.trim() ? { schema: values.schema.trim() } : {};
  const db = values.db?.trim();
  if (db && !/^postgres(ql)?:\/\//.test(db)) {
    if (values.schema !== undefined) throw new Error('--schema is for PostgreSQL (--pg)');
    return { kind: 'sqlite', filename: db };
  }
  const url = db || values.pg?.trim() || env.GONGFU_PG_URL?.trim();
  if (!url) throw new Error('--db is required (or --pg, or GONGFU_PG_URL)');
  return { kind: 'pg', url, ...schema };
}

/** SQLite for a file, PostgreSQL for a URL (each engine's package is loaded only when used). */
async function openStorage(target: StoreTarget): Promise<CrmStorage> {
  if (target.kind === 'pg') {
    const { postgresStorage } = await import('@gongfu/storage-postgres');
    return postgresStorage(
      { connectionString: target.url },
      { migrate: true, ...(target.schema ? { schema: target.schema } : {}) },
    );
  }
  const { sqliteStorage } = await import('@gongfu/storage-sqlite');
  return sqliteStorage({ filename: target.filename });
}

/** Lines in the file (less a CSV header), for the bar's total. */
async function countLines(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path))
    for (const byte of chunk as Buffer) if (byte === 10) lines++;
  return path.endsWith('.csv') ? Math.max(0, lines - 1) : lines;
}
