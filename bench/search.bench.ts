/**
 * `crm.search.find` at scale on both engines: N generated accounts (name, phone, credit code, owner
 * among 20 reps) are written straight into the tables the service keeps — the account row copied
 * from one the service made, its team row and its search keys (with their owner and team) from
 * core's own `searchTerms` — then a mix of queries (exact name, pinyin, initials, simplified and
 * traditional trade names, an industry word only found inside names, phones in +86 form, credit
 * codes) is timed for an admin and for a scoped rep. Baseline, same data and run: the old substring
 * scan, `crm.accounts.search`, on the first `--baseline` Chinese and phone queries (seconds each at 1M).
 *
 * The seed is bulk: the search index is dropped while loading and built after; PostgreSQL gets
 * 20,000-row `insert … select * from unnest($1::text[], …)` statements (one array per column), then
 * `VACUUM ANALYZE` (index-only scans need the visibility map an autovacuum would keep).
 *
 *   npx tsx bench/search.bench.ts [--n 100000] [--engine sqlite|postgres|both] [--queries 210] [--baseline 40]
 *   npx tsx bench/search.bench.ts --n 1000000   # opt-in: 1M accounts (~37M search keys)
 */
const { runFromSource } = await import('./support.js');
runFromSource(8_192);

const { mkdtempSync, rmSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const { createCrm, nameTerms, pinyinSyllables, searchTerms, teamKeyOf } = await import('@gongfu/core');
const { sqliteStorage } = await import('@gongfu/storage-sqlite');
const { postgresStorage } = await import('@gongfu/storage-postgres');
const { default: Database } = await import('better-sqlite3');
const { default: pg } = await import('pg');
const { quantile, median } = await import('./measure.js');
const { loadavg } = await import('node:os');
type Crm = import('@gongfu/core').Crm;
type User = import('@gongfu/core').User;
type Row = Record<string, unknown>;

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const N = Number(arg('--n') ?? 100_000);
const ENGINE = arg('--engine') ?? 'both';
const QUERIES = Number(arg('--queries') ?? 210);
const BASELINE = Number(arg('--baseline') ?? 40);
const REPLICATE = Number(arg('--replicate') ?? 1);
const PG_URL = process.env.GONGFU_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// Deterministic generator: region + trade name + industry + legal suffix, as integrators are named.
let seed = 42;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const REGIONS = [
  '山东',
  '济南',
  '青岛',
  '烟台',
  '潍坊',
  '江苏',
  '南京',
  '苏州',
  '浙江',
  '杭州',
  '广东',
  '深圳',
  '北京',
  '上海',
  '天津',
  '河北',
  '河南',
  '湖北',
  '四川',
  '重庆',
];
const TRADE =
  '恒通华信宏达鑫源金盛泰和永安瑞丰博远新创中科天成德润海纳正阳明辉启航凯文众诚联合亿达同方立信信达宇航智联盛世长城东方方正浩然汇通佳和'.match(
    /../gu,
  ) as string[];
const INDUSTRY = [
  '系统集成',
  '信息技术',
  '物流',
  '科技',
  '电子',
  '商贸',
  '软件',
  '网络工程',
  '自动化',
  '医疗设备',
];
const SUFFIX = ['有限公司', '股份有限公司', '有限责任公司'];
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');

interface Gen {
  id: string;
  name: string;
  /** Region, two trade-name words, industry, legal form: what the name is made of. */
  parts: string[];
  phone: string;
  creditCode: string;
  ownerIx: number;
}
function generate(n: number): Gen[] {
  const out: Gen[] = [];
  for (let i = 0; i < n; i++) {
    const code = `91${digits(6)}${Array.from({ length: 10 }, () => pick([...CODE_CHARS])).join('')}`;
    const parts = [pick(REGIONS), pick(TRADE), pick(TRADE), pick(INDUSTRY), pick(SUFFIX)];
    out.push({
      id: `acc-${i.toString(36).padStart(6, '0')}`,
      name: parts.join(''),
      parts,
      phone:
        rand() < 0.5
          ? `1${pick(['38', '39', '58', '86'])}${digits(8)}`
          : `0${pick(['531', '532', '25', '512'])}-${digits(8)}`,
      creditCode: code,
      ownerIx: Math.floor(rand() * 20),
    });
  }
  return out;
}

/**
 * A record's keys as core's `searchTerms` makes them, with the name's pinyin composed from its
 * parts' (each converted once): converting a million whole names was most of the seed's CPU.
 * `checkTerms` compares the two ways on a sample before the load.
 */
const syllablesOf = new Map<string, string[]>();
function termsOf(g: Gen) {
  const syllables = g.parts.flatMap((part) => {
    const known = syllablesOf.get(part) ?? pinyinSyllables(part);
    syllablesOf.set(part, known);
    return known;
  });
  return [
    ...nameTerms(g.name, syllables),
    ...searchTerms({ names: [], phones: [g.phone], creditCode: g.creditCode }),
  ];
}
function checkTerms(data: Gen[]): number {
  const key = (t: { field: string; term: string; pos: number }) => `${t.field}|${t.term}|${t.pos}`;
  let differing = 0;
  for (const g of data.slice(0, 2_000)) {
    const composed = new Set(termsOf(g).map(key));
    const whole = new Set(
      searchTerms({ names: [g.name], phones: [g.phone], creditCode: g.creditCode }).map(key),
    );
    if (composed.size !== whole.size || [...whole].some((k) => !composed.has(k))) differing++;
  }
  return differing;
}

/** What a person types: each kind of query, drawn from the generated data. */
function queries(data: Gen[], q: number): { q: string; kind: string }[] {
  const out: { q: string; kind: string }[] = [];
  const kinds = [
    'exact',
    'pinyin',
    'initials',
    'chinese',
    'traditional',
    'substring',
    'phone',
    'credit_code',
  ];
  for (let i = 0; i < q; i++) {
    const g = pick(data);
    const trade = g.name.slice(2, 4);
    const kind = kinds[i % kinds.length] as string;
    const text = {
      exact: g.name,
      pinyin: pick(['hengtong', 'huaxin', 'hongda', 'xinyuan', 'jinsheng']),
      initials: pick(['ht', 'hx', 'hd', 'jsh', 'sdht']),
      chinese: trade,
      traditional: pick(['恆通', '華信', '宏達', '鑫源', '長城']),
      // Only inside names (after region and trade name): the capped substring probe.
      substring: pick(INDUSTRY),
      phone: g.phone.startsWith('1')
        ? `+86 ${g.phone.slice(0, 3)} ${g.phone.slice(3, 7)} ${g.phone.slice(7)}`
        : g.phone.replace('-', ' '),
      credit_code: g.creditCode.toLowerCase(),
    }[kind] as string;
    out.push({ q: text, kind });
  }
  return out;
}

// The index migration 0087 builds, dropped while the bulk seed loads (built once after, not per row).
const DROP_INDEX = 'drop index search_terms_probe_ix';
const CREATE_INDEX =
  'create index search_terms_probe_ix on search_terms (tenant_id, kind, field, term, record_id, pos, owner_id, team_key)';

/**
 * What `--replicate` copies and how: each generated account, its team row and its search keys, with
 * the id (and team key) suffixed `-k` and the owner rotated k places among the reps, so each copy
 * is seen by a different rep and a rep still sees one record in twenty.
 */
function copyPlan(dialect: {
  owner(col: string): string;
  suffix(col: string): string;
  doc(id: string, owner: string): string;
}): { table: string; set: Record<string, string>; base: string }[] {
  const generated = (col: string) => `${col} like 'acc-%' and length(${col}) = 10`;
  return [
    {
      table: 'accounts',
      set: {
        id: dialect.suffix('id'),
        team_key: dialect.suffix('team_key'),
        owner_id: dialect.owner('owner_id'),
        doc: dialect.doc(dialect.suffix('id'), dialect.owner('owner_id')),
      },
      base: generated('id'),
    },
    {
      table: 'team_members',
      set: { team_key: dialect.suffix('team_key'), user_id: dialect.owner('user_id') },
      base: generated('team_key'),
    },
    {
      table: 'search_terms',
      set: {
        record_id: dialect.suffix('record_id'),
        team_key: dialect.suffix('team_key'),
        owner_id: dialect.owner('owner_id'),
      },
      base: generated('record_id'),
    },
  ];
}

interface Target {
  name: string;
  crm: Crm;
  /** Fresh planner statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize` (SQLite) would keep. */
  analyze(): Promise<void>;
  /** Drops the search index before the bulk load (`before`) and builds it after (`after`). */
  bulk(stage: 'before' | 'after'): Promise<void>;
  insert(table: string, rows: Row[]): Promise<void>;
  /**
   * `--replicate K`: copy the loaded records K − 1 times inside the database (see `copyPlan`), so a
   * 1M seed costs the client (name keys, pinyin) a K-th of the work.
   */
  replicate(copies: number, owners: string[]): Promise<void>;
  raw(table: string, id: string, idCol?: string): Promise<Row>;
  close(): Promise<void>;
}

async function openSqlite(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'gf-search-'));
  const filename = join(dir, 'bench.db');
  const storage = await sqliteStorage({ filename });
  const crm = createCrm({ storage });
  const raw = new Database(filename);
  return {
    name: 'SQLite',
    crm,
    async analyze() {
      raw.exec('analyze');
    },
    async bulk(stage) {
      raw.pragma(`synchronous = ${stage === 'before' ? 'OFF' : 'NORMAL'}`);
      raw.exec(stage === 'before' ? DROP_INDEX : CREATE_INDEX);
    },
    async insert(table, rows) {
      if (rows.length === 0) return;
      const cols = Object.keys(rows[0] as Row);
      const stmt = raw.prepare(
        `insert into ${table} (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`,
      );
      raw.transaction(() => {
        for (const r of rows) stmt.run(...cols.map((c) => r[c] as never));
      })();
    },
    async replicate(copies, owners) {
      raw.exec('create temp table owner_map (k int, from_id text, to_id text, primary key (k, from_id))');
      const map = raw.prepare('insert into owner_map values (?, ?, ?)');
      for (let k = 1; k < copies; k++)
        owners.forEach((o, i) => {
          map.run(k, o, owners[(i + k) % owners.length]);
        });
      const plan = copyPlan({
        owner: (col) => `(select to_id from owner_map m where m.k = $k and m.from_id = ${col})`,
        suffix: (col) => `${col} || '-' || $k`,
        doc: (id, owner) => `json_set(doc, '$.id', ${id}, '$.ownerId', ${owner})`,
      });
      for (const { table, set, base } of plan) {
        const cols = (
          raw.prepare(`select name from pragma_table_info('${table}')`).all() as { name: string }[]
        ).map((r) => r.name);
        const exprs = cols.map((c) => set[c] ?? c);
        const stmt = raw.prepare(
          `insert into ${table} (${cols.join(',')}) select ${exprs.join(',')} from ${table} where ${base}`,
        );
        for (let k = 1; k < copies; k++) stmt.run({ k });
      }
    },
    async raw(table, id, idCol = 'id') {
      return raw.prepare(`select * from ${table} where ${idCol} = ?`).get(id) as Row;
    },
    async close() {
      raw.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(): Promise<Target> {
  const schema = `gf_search_${process.pid}`;
  const admin = new pg.Pool({ connectionString: PG_URL, max: 2, options: `-c search_path=${schema}` });
  await admin.query(`create schema ${schema}`);
  const pool = new pg.Pool({ connectionString: PG_URL, max: 4 });
  const types = new Map<string, Map<string, string>>();
  const storage = await postgresStorage({ pool }, { schema, migrate: true });
  const crm = createCrm({ storage });
  return {
    name: 'PostgreSQL',
    crm,
    async analyze() {
      await admin.query('vacuum analyze');
    },
    async bulk(stage) {
      await admin.query(stage === 'before' ? DROP_INDEX : CREATE_INDEX);
    },
    async insert(table, rows) {
      if (rows.length === 0) return;
      const cols = Object.keys(rows[0] as Row);
      if (!types.has(table)) {
        const { rows: found } = await admin.query(
          `select column_name, udt_name from information_schema.columns where table_schema = $1 and table_name = $2`,
          [schema, table],
        );
        types.set(table, new Map(found.map((r) => [r.column_name as string, r.udt_name as string])));
      }
      const typeOf = types.get(table) as Map<string, string>;
      // One array per column, unnested server-side: 20,000 rows in one statement of a few parameters.
      const arrays = cols.map((c) => `$${cols.indexOf(c) + 1}::${typeOf.get(c)}[]`);
      const sqlText = `insert into ${table} (${cols.join(',')}) select * from unnest(${arrays.join(',')})`;
      for (let i = 0; i < rows.length; i += 20_000) {
        const batch = rows.slice(i, i + 20_000);
        await admin.query(
          sqlText,
          cols.map((c) => batch.map((r) => r[c] ?? null)),
        );
      }
    },
    async replicate(copies, owners) {
      const plan = copyPlan({
        owner: (col) => `($1::text[])[(array_position($1::text[], ${col}) - 1 + $2) % ${owners.length} + 1]`,
        suffix: (col) => `${col} || '-' || $2::int`,
        doc: (id, owner) =>
          `jsonb_set(jsonb_set(doc, '{id}', to_jsonb(${id})), '{ownerId}', to_jsonb(${owner}))`,
      });
      for (const { table, set, base } of plan) {
        const { rows } = await admin.query(
          'select column_name from information_schema.columns where table_schema = $1 and table_name = $2 order by ordinal_position',
          [schema, table],
        );
        const cols = rows.map((r) => r.column_name as string);
        const exprs = cols.map((c) => set[c] ?? c);
        for (let k = 1; k < copies; k++)
          await admin.query(
            `insert into ${table} (${cols.join(',')}) select ${exprs.join(',')} from ${table} where ${base}`,
            [owners, k],
          );
      }
    },
    async raw(table, id, idCol = 'id') {
      return (await admin.query(`select * from ${table} where ${idCol} = $1`, [id])).rows[0] as Row;
    },
    async close() {
      await storage.close();
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
      await pool.end();
    },
  };
}

const lines: string[] = [];
const log = (s: string) => {
  console.log(s);
  lines.push(s);
};

async function run(t: Target, data: Gen[]) {
  const { crm } = t;
  const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
  const manager = await crm.users.create(admin, { name: '经理', role: 'sales_manager' });
  const reps: User[] = [];
  for (let i = 0; i < 20; i++)
    reps.push(
      await crm.users.create(manager, { name: `销售${i}`, role: 'sales_rep', managerId: manager.id }),
    );
  const template = await crm.accounts.create(reps[0] as User, {
    name: '模板有限公司',
    kind: 'end_user',
    phones: ['13012345678'],
  });
  const accountRow = await t.raw('accounts', template.id);
  const teamRow = await t.raw('team_members', teamKeyOf({ kind: 'account', id: template.id }), 'team_key');
  const started = performance.now();
  await t.bulk('before');
  const CHUNK = 20_000;
  let keys = 0;
  for (let i = 0; i < data.length; i += CHUNK) {
    const accounts: Row[] = [];
    const teams: Row[] = [];
    const terms: Row[] = [];
    for (const g of data.slice(i, i + CHUNK)) {
      const owner = reps[g.ownerIx] as User;
      const teamKey = teamKeyOf({ kind: 'account', id: g.id });
      const doc = {
        ...template,
        id: g.id,
        name: g.name,
        phones: [g.phone],
        creditCode: g.creditCode,
        ownerId: owner.id,
      };
      accounts.push({
        ...accountRow,
        id: g.id,
        name: g.name,
        credit_code: g.creditCode,
        owner_id: owner.id,
        team_key: teamKey,
        search: `${g.name}\n${g.phone}\n${g.phone.replace(/\D/g, '')}`.toLowerCase(),
        doc: JSON.stringify(doc),
      });
      teams.push({ ...teamRow, team_key: teamKey, user_id: owner.id });
      for (const term of termsOf(g))
        terms.push({
          tenant_id: accountRow.tenant_id,
          kind: 'account',
          record_id: g.id,
          field: term.field,
          term: term.term,
          pos: term.pos,
          owner_id: owner.id,
          team_key: teamKey,
        });
    }
    // One row per (field, term) per record, as the store keeps them.
    const unique = [...new Map(terms.map((r) => [`${r.record_id}|${r.field}|${r.term}`, r])).values()];
    keys += unique.length;
    await t.insert('accounts', accounts);
    await t.insert('team_members', teams);
    await t.insert('search_terms', unique);
  }
  if (REPLICATE > 1) {
    const copyStarted = performance.now();
    await t.replicate(
      REPLICATE,
      reps.map((r) => r.id),
    );
    keys *= REPLICATE;
    log(
      `  ${t.name}: ${data.length} records copied ${REPLICATE - 1} times in the server in ${((performance.now() - copyStarted) / 1000).toFixed(0)} s`,
    );
  }
  const indexStarted = performance.now();
  await t.bulk('after');
  const indexS = (performance.now() - indexStarted) / 1000;
  await t.analyze();
  const loadS = (performance.now() - started) / 1000;
  log(
    `${t.name}: ${(data.length * REPLICATE).toLocaleString('en')} accounts, ${keys.toLocaleString('en')} search keys loaded in ${loadS.toFixed(0)} s (search index built in ${indexS.toFixed(0)} s of it; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')})`,
  );
  const qs = queries(data, QUERIES);
  const rep = reps[3] as User;
  for (const [who, actor] of [
    ['admin', admin],
    ['rep (1/20 visible)', rep],
  ] as const) {
    // Warm up both paths once.
    for (const { q } of qs.slice(0, 20)) await crm.search.find(actor, { q, kinds: ['account'] });
    for (const { q } of qs.slice(0, 3)) await crm.accounts.search(actor, { query: q });
    const byKind = new Map<string, number[]>();
    const all: number[] = [];
    const base: number[] = [];
    let hits = 0;
    let more = 0;
    for (const { q, kind } of qs) {
      let t0 = performance.now();
      const found = await crm.search.find(actor, { q, kinds: ['account'] });
      const ms = performance.now() - t0;
      hits += found.hits.length > 0 ? 1 : 0;
      more += found.more === null ? 0 : 1;
      all.push(ms);
      byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
      if (kind !== 'pinyin' && kind !== 'initials' && base.length < BASELINE) {
        t0 = performance.now();
        await crm.accounts.search(actor, { query: q });
        base.push(performance.now() - t0);
      }
    }
    const f = (x: number) => x.toFixed(1);
    log(
      `  ${who}: search.find p50 ${f(median(all))} ms, p95 ${f(quantile(all, 0.95))} ms (${hits}/${qs.length} queries with hits, ${more} answered "refine"); ` +
        `baseline accounts.search (substring scan, no pinyin; ${base.length} queries) p50 ${f(median(base))} ms, p95 ${f(quantile(base, 0.95))} ms; ` +
        `p95 ratio ${(quantile(base, 0.95) / quantile(all, 0.95)).toFixed(1)}×; load average ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')}`,
    );
    log(
      `    p50 / p95 by query kind (ms): ${[...byKind].map(([k, xs]) => `${k} ${f(median(xs))} / ${f(quantile(xs, 0.95))}`).join(', ')}`,
    );
  }
}

const data = generate(Math.round(N / REPLICATE));
log(
  `search bench: N=${N.toLocaleString('en')}, ${QUERIES} queries per actor (node ${process.version}); ` +
    `composed keys differing from searchTerms on a 2,000-name sample: ${checkTerms(data)}`,
);
for (const open of ENGINE === 'both'
  ? [openSqlite, openPostgres]
  : ENGINE === 'postgres'
    ? [openPostgres]
    : [openSqlite]) {
  const t = await open();
  try {
    await run(t, data);
  } finally {
    await t.close();
  }
}

export {};
