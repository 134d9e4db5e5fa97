import { createReadStream, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type CrmStorage, createCrm, isCrmError } from '@gongfu/core';
import cliProgress from 'cli-progress';
import { IMPORT_ENTITIES, type ImportEntity } from '../import-kinds.js';
import { dryRunImport, type ImportOptions, runImport } from '../import-run.js';

export const IMPORT_USAGE = `usage: gongfu-import --db <sales.db | postgres://…> --entity <account|contact|lead|product>
                     --file <rows.csv | rows.jsonl> --run <run id> --as <user id>
                     [--tenant <id>] [--dry-run] [--batch <rows>] [--duplicates skip|import|off]

Rerun with the same --run after a crash: rows already committed are skipped.`;

export interface ImportCliIo {
  out(text: string): void;
  err(text: string): void;
  /** The progress bar's stream; the bar stays silent when it is not a terminal. */
  progressStream?: NodeJS.WriteStream;
}

/** The `gongfu-import` command. Exit codes: 0 done, 1 the import failed, 2 wrong usage. */
export async function runImportCli(argv: readonly string[], io: ImportCliIo): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (e) {
    io.err(`gongfu-import: ${e instanceof Error ? e.message : String(e)}\n\n${IMPORT_USAGE}`);
    return 2;
  }
  const storage = await openStorage(args.db);
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
      io.out(`line ${row.line}: ${row.status} — ${describeRow(row)}`);
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

function parse(argv: readonly string[]) {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      db: { type: 'string' },
      entity: { type: 'string' },
      file: { type: 'string' },
      run: { type: 'string' },
      as: { type: 'string' },
      tenant: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      batch: { type: 'string', default: '500' },
      duplicates: { type: 'string', default: 'skip' },
    },
  });
  const need = (name: keyof typeof values) => {
    const v = values[name];
    if (typeof v !== 'string' || v === '') throw new Error(`--${name} is required`);
    return v;
  };
  const entity = need('entity');
  if (!IMPORT_ENTITIES.includes(entity as ImportEntity))
    throw new Error(`--entity must be one of ${IMPORT_ENTITIES.join(', ')}`);
  const file = need('file');
  if (!existsSync(file)) throw new Error(`no file at ${file}`);
  const batch = Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000)
    throw new Error('--batch must be a whole number from 1 to 10000');
  const duplicates = values.duplicates as 'skip' | 'import' | 'off';
  if (duplicates !== 'skip' && duplicates !== 'import' && duplicates !== 'off')
    throw new Error('--duplicates must be skip, import or off');
  return {
    db: need('db'),
    entity: entity as ImportEntity,
    file,
    run: need('run'),
    as: need('as'),
    tenant: values.tenant,
    dryRun: values['dry-run'] === true,
    batch,
    duplicates,
  };
}

/** SQLite for a file name, PostgreSQL for a URL (each engine's package is loaded only when used). */
async function openStorage(db: string): Promise<CrmStorage> {
  if (/^postgres(ql)?:\/\//.test(db)) {
    const { postgresStorage } = await import('@gongfu/storage-postgres');
    return postgresStorage({ connectionString: db }, { migrate: true });
  }
  const { sqliteStorage } = await import('@gongfu/storage-sqlite');
  return sqliteStorage({ filename: db });
}

/** Lines in the file (less a CSV header), for the bar's total. */
async function countLines(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path))
    for (const byte of chunk as Buffer) if (byte === 10) lines++;
  return path.endsWith('.csv') ? Math.max(0, lines - 1) : lines;
}
