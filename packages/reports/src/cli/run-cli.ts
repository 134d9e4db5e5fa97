import { existsSync } from 'node:fs';
import { type CrmStorage, createCrm, isCrmError } from '@gongfu/core';
import cliProgress from 'cli-progress';
import { allDuplicateDeals, findDuplicateDealsPage } from '../duplicates/index.js';
import { morningReview } from '../review/morning-review.js';
import { type CliCommand, parseCliArgs, USAGE, UsageError } from './args.js';
import { renderDuplicate, renderDuplicates, renderReview } from './render.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** A progress bar's stream; the bar stays silent when it is not a terminal. */
  progressStream?: NodeJS.WriteStream;
  /** How a database file is opened; SQLite through `@gongfu/storage-sqlite` by default. */
  openStorage?(filename: string): Promise<CrmStorage>;
}

/**
 * The `gongfu` command. Exit codes: 0 done, 1 the command failed (e.g. unknown user),
 * 2 wrong usage (bad or missing arguments, no such database file).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCliArgs(argv);
    if (command.command !== 'help' && !existsSync(command.db)) {
      throw new UsageError(`no database file at ${command.db}`);
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`gongfu: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.command === 'help') {
    io.out(USAGE);
    return 0;
  }
  let storage: CrmStorage;
  try {
    storage = await (io.openStorage ?? openSqlite)(command.db);
  } catch (e) {
    io.err(`gongfu: cannot open ${command.db}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  try {
    const crm = createCrm({ storage, ...(command.tenant ? { tenant: command.tenant } : {}) });
    if (command.command === 'duplicates') {
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
    } else {
      const review = await morningReview(crm, command.as, {
        day: command.day,
        ...(command.timeZone ? { timeZone: command.timeZone } : {}),
      });
      const local = (at: string) =>
        new Date(at).toLocaleString('sv-SE', { timeZone: review.timeZone, hour12: false }).slice(11, 16);
      io.out(renderReview(review, local));
    }
    return 0;
  } catch (e) {
    if (!isCrmError(e)) throw e;
    // A bad --tz or an unknown --as surface here as the domain's own errors.
    io.err(`gongfu: ${e.code}: ${e.message}`);
    return e.code === 'VALIDATION' ? 2 : 1;
  } finally {
    await storage.close();
  }
}

/** SQLite is a peer of the reports library, loaded only when the CLI needs it. */
async function openSqlite(filename: string): Promise<CrmStorage> {
  const { sqliteStorage } = await import('@gongfu/storage-sqlite');
  return sqliteStorage({ filename });
}
