import { parseArgs } from 'node:util';

/** Wrong usage: the CLI prints the message and the usage, and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** The command whose usage to print, or undefined for the overview. */
    readonly command?: CommandName,
  ) {
    super(message);
  }
}

const STORE = `--db <file> | --pg <url> [--schema <name>]`;
const STORE_HELP = `  --db <file>       a SQLite file (never created by any command but migrate)
  --pg <url>        a PostgreSQL connection string; GONGFU_PG_URL is used when neither is given
  --schema <name>   the PostgreSQL schema Gongfu's tables are in (default: the search_path)
  --tenant <id>     the workspace (default: the single-tenant default)`;

/** Each command's usage, printed by `gongfu <command> --help` and after a usage error. */
export const COMMAND_USAGE = {
  migrate: `gongfu migrate ${STORE}
  Create the database (a SQLite file is created when missing) or bring its tables up to the latest
  migration. Safe to run on every deploy, from several servers at once.
${STORE_HELP}`,
  duplicates: `gongfu duplicates ${STORE} --as <userId> [--limit <n>] [--tenant <id>]
  Scan every open deal the user may see for duplicates, best first, with the reasons. A progress
  bar on stderr shows the candidate pairs being scored.
${STORE_HELP}
  --as <userId>     whose view to scan (a manager sees their people's deals)
  --limit <n>       at most n pairs, saying when more follow (default: every pair, streamed)`,
  keys: `gongfu keys ${STORE} [--tenant <id>]
  Build or bring up to date the stored duplicate-detection keys (the first build of a large
  workspace takes minutes). Runs in short transactions beside the app, shows a progress bar on
  stderr, and continues where it stopped when interrupted.
${STORE_HELP}`,
  review: `gongfu review ${STORE} --as <managerId> --day <YYYY-MM-DD> [--tz <IANA zone>] [--per-person <n>] [--tenant <id>]
  The morning review held on <day>: what each person did the day before.
${STORE_HELP}
  --as <managerId>  the manager holding the review
  --day <date>      the day of the review, e.g. 2026-03-11 (it covers the 10th)
  --tz <zone>       the zone of the days (default: the service's, Asia/Shanghai)
  --per-person <n>  overdue follow-ups and stale deals listed per person, the oldest (1–100,
                    default 5); the rest are counted`,
  export: `gongfu export ${STORE} --tenant <id> [--out <file>]
  Write every row of one workspace as JSON lines (to stdout, or to --out). Engine-neutral: an export
  from SQLite imports into PostgreSQL.
${STORE_HELP}
  --out <file>      write here instead of stdout`,
  import: `gongfu import ${STORE} --file <export.jsonl> [--tenant <new id>]
  Restore an export into a new or empty workspace; --tenant copies it under another id.
${STORE_HELP}
  --file <file>     the export to read`,
} as const;
export type CommandName = keyof typeof COMMAND_USAGE;
const COMMANDS = Object.keys(COMMAND_USAGE) as CommandName[];

export const USAGE = `Usage: gongfu <command> [options]     (gongfu <command> --help for one command)

${COMMANDS.map((c) => COMMAND_USAGE[c]).join('\n\n')}`;

/** Where the data is. */
export type StoreTarget = { kind: 'sqlite'; filename: string } | { kind: 'pg'; url: string; schema?: string };

interface Common {
  store: StoreTarget;
  tenant?: string;
}
export type CliCommand =
  | ({ command: 'migrate' } & Common)
  | ({ command: 'duplicates'; as: string; limit?: number } & Common)
  | ({ command: 'keys' } & Common)
  | ({ command: 'review'; as: string; day: string; timeZone?: string; perPerson?: number } & Common)
  | ({ command: 'export'; tenant: string; out?: string } & Common)
  | ({ command: 'import'; file: string } & Common)
  | { command: 'help'; topic?: CommandName };

const OPTIONS = {
  db: { type: 'string' },
  pg: { type: 'string' },
  schema: { type: 'string' },
  as: { type: 'string' },
  day: { type: 'string' },
  tz: { type: 'string' },
  'per-person': { type: 'string' },
  tenant: { type: 'string' },
  limit: { type: 'string' },
  out: { type: 'string' },
  file: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
type Flag = Exclude<keyof typeof OPTIONS, 'help'>;

/** The options each command takes besides where the data is; any other is refused by name. */
const ALLOWED: Record<CommandName, readonly Flag[]> = {
  migrate: [],
  duplicates: ['as', 'limit', 'tenant'],
  keys: ['tenant'],
  review: ['as', 'day', 'tz', 'per-person', 'tenant'],
  export: ['tenant', 'out'],
  import: ['file', 'tenant'],
};

/**
 * argv (without node and the script) → a command, or a UsageError saying what is wrong.
 * `env` supplies GONGFU_PG_URL when neither --db nor --pg is given.
 */
export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): CliCommand {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  const named = positionals[0];
  const isCommand = (c: string | undefined): c is CommandName => COMMANDS.includes(c as CommandName);
  if (named === 'help')
    return isCommand(positionals[1]) ? { command: 'help', topic: positionals[1] } : { command: 'help' };
  if (values.help) return isCommand(named) ? { command: 'help', topic: named } : { command: 'help' };
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? `name a command: ${COMMANDS.join(', ')}`
        : `one command at a time, got ${positionals.join(' ')}`,
    );
  }
  if (!isCommand(named)) throw new UsageError(`unknown command "${named}"`);
  const command = named;
  const fail = (message: string) => new UsageError(message, command);
  for (const flag of Object.keys(OPTIONS) as (keyof typeof OPTIONS)[]) {
    if (flag === 'help' || flag === 'db' || flag === 'pg' || flag === 'schema' || values[flag] === undefined)
      continue;
    if (!ALLOWED[command].includes(flag)) {
      const owner = COMMANDS.find((c) => ALLOWED[c].includes(flag));
      throw fail(`--${flag} belongs to the ${owner} command`);
    }
  }
  const required = (flag: Flag): string => {
    const value = values[flag];
    if (value === undefined || value.trim() === '') throw fail(`--${flag} is required`);
    return value.trim();
  };
  const store = storeTarget(values, env, fail);
  const tenant = values.tenant !== undefined ? { tenant: required('tenant') } : {};
  switch (command) {
    case 'migrate':
      return { command, store };
    case 'duplicates':
      return {
        command,
        store,
        as: required('as'),
        ...tenant,
        ...(values.limit !== undefined ? { limit: positiveInt(values.limit, fail) } : {}),
      };
    case 'keys':
      return { command, store, ...tenant };
    case 'review': {
      const as = required('as');
      const day = required('day');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
        throw fail(`--day must be a date such as 2026-03-07, got "${day}"`);
      }
      return {
        command,
        store,
        as,
        ...tenant,
        day,
        ...(values.tz !== undefined ? { timeZone: required('tz') } : {}),
        ...(values['per-person'] !== undefined
          ? { perPerson: wholeNumber('per-person', values['per-person'], 100, fail) }
          : {}),
      };
    }
    case 'export':
      return {
        command,
        store,
        tenant: required('tenant'),
        ...(values.out !== undefined ? { out: required('out') } : {}),
      };
    case 'import':
      return { command, store, file: required('file'), ...tenant };
  }
}

function storeTarget(
  values: { db?: string | undefined; pg?: string | undefined; schema?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
  fail: (message: string) => UsageError,
): StoreTarget {
  if (values.db !== undefined && values.pg !== undefined) throw fail('--db and --pg: choose one database');
  if (values.db !== undefined) {
    if (values.schema !== undefined) throw fail('--schema is for PostgreSQL (--pg)');
    if (values.db.trim() === '') throw fail('--db is required');
    return { kind: 'sqlite', filename: values.db.trim() };
  }
  const url = values.pg ?? env.GONGFU_PG_URL;
  if (url === undefined || url.trim() === '') throw fail('--db is required (or --pg, or GONGFU_PG_URL)');
  return { kind: 'pg', url: url.trim(), ...(values.schema ? { schema: values.schema.trim() } : {}) };
}

function positiveInt(text: string, fail: (message: string) => UsageError): number {
  return wholeNumber('limit', text, 10_000, fail);
}

function wholeNumber(flag: string, text: string, max: number, fail: (message: string) => UsageError): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw fail(`--${flag} must be a whole number from 1 to ${max}, got "${text}"`);
  }
  return n;
}
