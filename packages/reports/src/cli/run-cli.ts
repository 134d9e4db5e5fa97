import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { type CrmStorage, createCrm, createTenantAdmin, isCrmError } from '@gongfu/core';
import cliProgress from 'cli-progress';
import { allDuplicateDeals, findDuplicateDealsPage, refreshDedupeIndex } from '../duplicates/index.js';
import { morningReview } from '../review/morning-review.js';
import { type CliCommand, COMMAND_USAGE, parseCliArgs, type StoreTarget, USAGE, UsageError } from './args.js';
import { renderDuplicate, renderDuplicates, renderReview } from './render.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** A progress bar's stream; the bar stays silent when it is not a terminal. */
  progressStream?: NodeJS.WriteStream;
  /** Where GONGFU_PG_URL is read from (default: process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * How the database is opened: SQLite through `@gongfu/storage-sqlite`, PostgreSQL through
   * `@gongfu/storage-postgres` by default, each loaded only when needed. `migrate` says whether to
   * apply pending migrations on open (only the migrate command does).
   */
  openStorage?(target: StoreTarget, options: { migrate: boolean }): Promise<CrmStorage>;
}

/**
 * The `gongfu` command. Exit codes: 0 done, 1 the command failed (e.g. unknown user),
 * 2 wrong usage (bad or missing arguments, no such database or export file).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCliArgs(argv, io.env ?? process.env);
    if (command.command !== 'help' && command.command !== 'migrate' && command.store.kind === 'sqlite') {
      if (!existsSync(command.store.filename)) {
        throw new UsageError(`no database file at ${command.store.filename}`, command.command);
      }
    }
    if (command.command === 'import' && !existsSync(command.file)) {
      throw new UsageError(`no export file at ${command.file}`, 'import');
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`gongfu: ${e.message}\n\nUsage: ${e.command ? COMMAND_USAGE[e.command] : USAGE}`);
    return 2;
  }
  if (command.command === 'help') {
    io.out(command.topic ? `Usage: ${COMMAND_USAGE[command.topic]}` : USAGE);
    return 0;
  }
  const where = command.store.kind === 'sqlite' ? command.store.filename : 'PostgreSQL';
  let storage: CrmStorage;
  try {
    storage = await (io.openStorage ?? openStore)(command.store, { migrate: command.command === 'migrate' });
  } catch (e) {
    io.err(`gongfu: cannot open ${where}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  try {
    await runCommand(command, storage, io, where);
    return 0;
  } catch (e) {
    if (!isCrmError(e)) throw e;
    // A bad --tz, an unknown --as or a taken tenant id surface here as the domain's own errors.
    io.err(`gongfu: ${e.code}: ${e.message}`);
    return e.code === 'VALIDATION' ? 2 : 1;
  } finally {
    await storage.close();
  }
}

async function runCommand(
  command: Exclude<CliCommand, { command: 'help' }>,
  storage: CrmStorage,
  io: CliIo,
  where: string,
): Promise<void> {
  switch (command.command) {
    case 'migrate':
      // Opening with migrate: true already applied them; saying so is the command's output.
      io.out(`${where}: migrated to the latest schema.`);
      return;
    case 'export': {
      const admin = createTenantAdmin(storage);
      const lines = admin.export(command.tenant);
      if (!command.out) {
        for await (const line of lines) io.out(line);
        return;
      }
      const file = createWriteStream(command.out);
      let rows = 0;
      for await (const line of lines) {
        if (!file.write(`${line}\n`)) await once(file, 'drain');
        rows++;
      }
      file.end();
      await once(file, 'finish');
      io.err(`exported workspace ${command.tenant}: ${rows} lines to ${command.out}`);
      return;
    }
    case 'import': {
      const admin = createTenantAdmin(storage);
      const lines = createInterface({
        input: createReadStream(command.file),
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      const tenant = await admin.import(lines, command.tenant ? { id: command.tenant } : {});
      io.out(`imported workspace ${tenant.id} (${tenant.name}) into ${where}`);
      return;
    }
    case 'duplicates': {
      const crm = createCrm({ storage, ...(command.tenant ? { tenant: command.tenant } : {}) });
      const bar = new cliProgress.SingleBar(
        {
          format: 'scanning {bar} {value}/{total} candidate pairs',
          stream: io.progressStream ?? process.stderr,
        },
        cliProgress.Presets.shades_classic,
      );
      let started = false;
      const onProgress = (done: number, total: number) => {
        if (!started) bar.start(total, done);
        else bar.update(done, { total });
        bar.setTotal(total);
        started = true;
      };
      if (command.limit) {
        const page = await findDuplicateDealsPage(crm, command.as, {
          limit: command.limit,
          onProgress,
        }).finally(() => started && bar.stop());
        io.out(renderDuplicates(page.pairs));
        if (page.nextCursor !== null) io.out(`\nMore pairs follow: run without --limit to list them all.`);
      } else {
        // The whole result, no cap: each pair is printed as it is explained.
        let n = 0;
        try {
          for await (const pair of allDuplicateDeals(crm, command.as, { onProgress })) {
            if (n === 0 && started) bar.stop();
            io.out(`${n > 0 ? '\n' : ''}${renderDuplicate(pair, ++n)}`);
          }
        } finally {
          if (n === 0 && started) bar.stop();
        }
        if (n === 0) io.out(renderDuplicates([]));
      }
      return;
    }
    case 'keys': {
      const crm = createCrm({ storage, ...(command.tenant ? { tenant: command.tenant } : {}) });
      const bar = new cliProgress.SingleBar(
        { format: 'keying {bar} {value}/{total} deals', stream: io.progressStream ?? process.stderr },
        cliProgress.Presets.shades_classic,
      );
      let started = false;
      const keyed = await refreshDedupeIndex(crm, {
        onProgress: ({ done, total }) => {
          if (!started) bar.start(total, done);
          else bar.update(done);
          started = true;
        },
      }).finally(() => started && bar.stop());
      io.out(`duplicate keys of ${crm.tenantId} up to date: ${keyed} deals keyed`);
      return;
    }
    case 'review': {
      const crm = createCrm({ storage, ...(command.tenant ? { tenant: command.tenant } : {}) });
      const review = await morningReview(crm, command.as, {
        day: command.day,
        ...(command.timeZone ? { timeZone: command.timeZone } : {}),
        ...(command.perPerson !== undefined ? { remindersPerPerson: command.perPerson } : {}),
      });
      const local = (at: string) =>
        new Date(at).toLocaleString('sv-SE', { timeZone: review.timeZone, hour12: false }).slice(11, 16);
      io.out(renderReview(review, local));
      return;
    }
  }
}

/** The engines are optional peers of the reports library, loaded only when the CLI needs one. */
async function openStore(target: StoreTarget, options: { migrate: boolean }): Promise<CrmStorage> {
  if (target.kind === 'sqlite') {
    const { sqliteStorage } = await import('@gongfu/storage-sqlite');
    return sqliteStorage({ filename: target.filename, migrate: options.migrate });
  }
  const { postgresStorage } = await import('@gongfu/storage-postgres');
  return postgresStorage(
    { connectionString: target.url },
    { migrate: options.migrate, ...(target.schema ? { schema: target.schema } : {}) },
  );
}
