import { parseArgs } from 'node:util';

/** Wrong usage: the CLI prints the message and the usage, and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage:
  gongfu duplicates --db <file> --as <userId> [--limit <n>] [--tenant <id>]   (no --limit: every pair, streamed)
      Scan every open deal the user may see for duplicates, best first, with the reasons.
  gongfu review --db <file> --as <managerId> --day <YYYY-MM-DD> [--tz <IANA zone>] [--tenant <id>]
      The morning review held on <day>: what each person did the day before.`;

interface Common {
  db: string;
  as: string;
  tenant?: string;
}
export type CliCommand =
  | ({ command: 'duplicates'; limit?: number } & Common)
  | ({ command: 'review'; day: string; timeZone?: string } & Common)
  | { command: 'help' };

const OPTIONS = {
  db: { type: 'string' },
  as: { type: 'string' },
  day: { type: 'string' },
  tz: { type: 'string' },
  tenant: { type: 'string' },
  limit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** argv (without node and the script) → a command, or a UsageError saying what is wrong. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return { command: 'help' };
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'name a command: duplicates or review'
        : `one command at a time, got ${positionals.join(' ')}`,
    );
  }
  const command = positionals[0];
  if (command !== 'duplicates' && command !== 'review') throw new UsageError(`unknown command "${command}"`);
  const common: Common = {
    db: required(values.db, '--db'),
    as: required(values.as, '--as'),
    ...(values.tenant !== undefined ? { tenant: required(values.tenant, '--tenant') } : {}),
  };
  if (command === 'duplicates') {
    for (const flag of ['day', 'tz'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} belongs to the review command`);
    }
    return {
      command,
      ...common,
      ...(values.limit !== undefined ? { limit: positiveInt(values.limit) } : {}),
    };
  }
  if (values.limit !== undefined) throw new UsageError('--limit belongs to the duplicates command');
  const day = required(values.day, '--day');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    throw new UsageError(`--day must be a date such as 2026-03-07, got "${day}"`);
  }
  return {
    command,
    ...common,
    day,
    ...(values.tz !== undefined ? { timeZone: required(values.tz, '--tz') } : {}),
  };
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${flag} is required`);
  return value.trim();
}

function positiveInt(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) {
    throw new UsageError(`--limit must be a whole number from 1 to 10000, got "${text}"`);
  }
  return n;
}
