/**
 * Entity duplicates (accounts and contacts entered twice): blocking quality, precision/recall/F1 per
 * planted kind, hard non-duplicates proposed, precision@20, time per stage, peak memory, and an
 * exact-key baseline (same normalised name or same phone) in the same run.
 *
 *   npx tsx bench/entities.bench.ts [--n 10000|100000] [--db | --no-db]
 *
 * The pure engine (`accountScan` / `contactScan` → blocking → scoring) runs on N generated accounts
 * and about N contacts in memory; `--db` (default at n ≤ 10,000) also seeds a SQLite file through
 * the service and times `findDuplicateAccounts` / `findDuplicateContacts`.
 */
const { runFromSource, stageTimer, quality: qualityOn } = await import('./support.js');
runFromSource();

const reports = await import('@gongfu/reports');
const { accountScan, blockEntities, contactScan, pairKey, parseCompanyName, phoneE164, scoreCandidates } =
  reports;
const data = await import('./entities-data.js');
type EntityDuplicate = import('@gongfu/reports').EntityDuplicate;
type PreparedAccount = import('@gongfu/reports').PreparedAccount;
type Planted = import('./entities-data.js').Planted<string>;

const argN = process.argv.indexOf('--n');
const N = argN > 0 ? Number(process.argv[argN + 1]) : 10_000;
const DB = process.argv.includes('--db') || (N <= 10_000 && !process.argv.includes('--no-db'));
const EVERYTHING = { minScore: 0, limit: Number.MAX_SAFE_INTEGER };

const timer = stageTimer();
const { stage, stages, seconds } = timer;

const gen = await stage('generate', () => data.generateEntities(N));

/** Pairs of ids sharing any key, groups above `cap` skipped (a switchboard shared by hundreds). */
function exactKeyPairs<T extends { id: string }>(
  rows: readonly T[],
  keys: (r: T) => (string | null)[],
  cap = 200,
) {
  const groups = new Map<string, string[]>();
  for (const r of rows)
    for (const k of keys(r)) {
      if (k === null) continue;
      const g = groups.get(k);
      if (g) g.push(r.id);
      else groups.set(k, [r.id]);
    }
  const pairs = new Set<string>();
  for (const ids of groups.values()) {
    if (ids.length > cap) continue;
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) pairs.add(pairKey(ids[i]!, ids[j]!));
  }
  return pairs;
}

interface Evaluation {
  lines: string[];
  /** Predicted pairs by the engine, best first. */
  pairs: EntityDuplicate[];
}

/** Quality on one planted kind (see `quality` in ./support.ts). */
function quality(
  pred: { has(k: string): boolean; keys(): Iterable<string> },
  truth: Map<string, Planted>,
  kind: string,
) {
  return qualityOn(
    pred,
    [...truth].filter(([, p]) => p.kind === kind).map(([key]) => key),
  );
}

const fmt = (x: number) => x.toFixed(3);
const count = (x: number) => x.toLocaleString('en-US');

function evaluate(
  label: string,
  records: number,
  blocking: { pairs: Map<number, Set<number>>; candidates: number; blocks: number; capped: number },
  ids: readonly string[],
  pairs: EntityDuplicate[],
  baseline: Set<string>,
  truth: Map<string, Planted>,
  decoys: Map<string, Planted>,
  kinds: readonly string[],
  decoyKinds: readonly string[],
): Evaluation {
  const lines: string[] = [];
  const candidates = new Set<string>();
  for (const [i, js] of blocking.pairs) for (const j of js) candidates.add(pairKey(ids[i]!, ids[j]!));
  const predicted = new Map(pairs.map((p) => [pairKey(p.a.id, p.b.id), p.score]));
  const all = (records * (records - 1)) / 2;
  const pc = (keys: string[]) => keys.filter((k) => candidates.has(k)).length / Math.max(1, keys.length);
  lines.push(
    `${label}: ${count(records)} records, ${truth.size} planted duplicate pairs, ${decoys.size} hard non-duplicate pairs`,
  );
  lines.push(
    `blocking: ${count(blocking.candidates)} candidate pairs of ${count(all)}; pair completeness ${fmt(pc([...truth.keys()]))}; reduction ratio ${(1 - blocking.candidates / all).toFixed(6)}; blocks ${count(blocking.blocks)} (${blocking.capped} over the cap of 50, skipped)`,
  );
  lines.push('');
  lines.push(
    '| kind | planted | pair completeness | engine P | engine R | engine F1 | baseline P | baseline R | baseline F1 |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const kind of kinds) {
    const keys = [...truth].filter(([, p]) => p.kind === kind).map(([k]) => k);
    const e = quality(predicted, truth, kind);
    const b = quality(baseline, truth, kind);
    lines.push(
      `| ${kind} | ${keys.length} | ${fmt(pc(keys))} | ${fmt(e.precision)} | ${fmt(e.recall)} | ${fmt(e.f1)} | ${fmt(b.precision)} | ${fmt(b.recall)} | ${fmt(b.f1)} |`,
    );
  }
  const tp = [...truth.keys()].filter((k) => predicted.has(k)).length;
  const btp = [...truth.keys()].filter((k) => baseline.has(k)).length;
  const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
  const [ep, er] = [tp / Math.max(1, predicted.size), tp / truth.size];
  const [bp, br] = [btp / Math.max(1, baseline.size), btp / truth.size];
  lines.push(
    `| **all pairs** | ${truth.size} | ${fmt(pc([...truth.keys()]))} | ${fmt(ep)} | ${fmt(er)} | ${fmt(f1(ep, er))} | ${fmt(bp)} | ${fmt(br)} | ${fmt(f1(bp, br))} |`,
  );
  lines.push('');
  const hits = (pred: { has(k: string): boolean }, kind: string) =>
    [...decoys].filter(([k, d]) => d.kind === kind && pred.has(k)).length;
  const total = (kind: string) => [...decoys.values()].filter((d) => d.kind === kind).length;
  lines.push(
    `hard non-duplicates proposed (engine / baseline, of planted): ${decoyKinds.map((k) => `${k} ${hits(predicted, k)} / ${hits(baseline, k)} of ${total(k)}`).join(', ')}`,
  );
  const top20 = pairs.slice(0, 20);
  const p20 = top20.filter((p) => truth.has(pairKey(p.a.id, p.b.id))).length / Math.max(1, top20.length);
  lines.push(
    `overall: ${count(predicted.size)} pairs proposed (score ≥ 0), ${tp} of them planted; precision@20 ${fmt(p20)}; baseline proposes ${count(baseline.size)}`,
  );
  // Recall by spelling variant, where it is short of 1: what to read first when a kind is weak.
  const byVariant = new Map<string, [number, number]>();
  for (const [k, p] of truth) {
    const key = `${p.kind} / ${p.variant}`;
    const [found, of] = byVariant.get(key) ?? [0, 0];
    byVariant.set(key, [found + (predicted.has(k) ? 1 : 0), of + 1]);
  }
  const weak = [...byVariant].filter(([, [f, o]]) => f < o).sort((x, y) => x[0].localeCompare(y[0]));
  if (weak.length > 0)
    lines.push(`recall below 1 by variant: ${weak.map(([v, [f, o]]) => `${v} ${f}/${o}`).join('; ')}`);
  return { lines, pairs };
}

// ---- accounts -------------------------------------------------------------------------------------
const accountsScan = await stage('accounts: prepare', () => accountScan(gen.accounts));
const accountBlocks = await stage('accounts: blocking', () => blockEntities(accountsScan));
const accountPairs = await stage('accounts: scoring', () =>
  scoreCandidates(accountsScan, accountBlocks, EVERYTHING),
);
const accountBaseline = await stage('accounts: exact-key baseline', () =>
  exactKeyPairs(gen.accounts, (a) => [
    `n:${parseCompanyName(a.name).clean}`,
    ...a.phones.map((p) => phoneE164(p)),
  ]),
);
const accountEval = evaluate(
  'accounts',
  gen.accounts.length,
  accountBlocks,
  accountsScan.items.map((p) => p.record.id),
  accountPairs,
  accountBaseline,
  gen.accountTruth,
  gen.accountDecoys,
  data.ACCOUNT_DUP_KINDS,
  data.ACCOUNT_DECOY_KINDS,
);

// ---- contacts -------------------------------------------------------------------------------------
const preparedAccounts = new Map<string, PreparedAccount>(accountsScan.items.map((p) => [p.record.id, p]));
const contactsScan = await stage('contacts: prepare', () => contactScan(gen.contacts, preparedAccounts));
const contactBlocks = await stage('contacts: blocking', () => blockEntities(contactsScan));
const contactPairs = await stage('contacts: scoring', () =>
  scoreCandidates(contactsScan, contactBlocks, EVERYTHING),
);
const contactBaseline = await stage('contacts: exact-key baseline', () =>
  exactKeyPairs(gen.contacts, (c) => [
    `n:${c.accountId}:${c.name.replace(/\s/g, '').toLowerCase()}`,
    ...[c.phone, c.mobile].map((p) => (p ? phoneE164(p) : null)),
  ]),
);
const contactEval = evaluate(
  'contacts',
  gen.contacts.length,
  contactBlocks,
  contactsScan.items.map((p) => p.record.id),
  contactPairs,
  contactBaseline,
  gen.contactTruth,
  gen.contactDecoys,
  data.CONTACT_DUP_KINDS,
  data.CONTACT_DECOY_KINDS,
);

const out: string[] = [];
out.push(
  `entities bench: N=${count(N)} (${count(gen.accounts.length)} accounts, ${count(gen.contacts.length)} contacts), Node ${process.version}, ${(await import('node:os')).cpus().length} cores`,
);
out.push('', ...accountEval.lines, '', ...contactEval.lines, '');
out.push('| stage | wall s | CPU s |');
out.push('|---|---:|---:|');
for (const { name, wallMs: ms, cpuMs: cpu } of stages)
  out.push(`| ${name} | ${(ms / 1000).toFixed(2)} | ${(cpu / 1000).toFixed(2)} |`);
const engineSeconds = (who: string) =>
  seconds(`${who}: prepare`) + seconds(`${who}: blocking`) + seconds(`${who}: scoring`);
out.push('');
out.push(
  `scan total (prepare + blocking + scoring): accounts ${engineSeconds('accounts').toFixed(1)} s, contacts ${engineSeconds('contacts').toFixed(1)} s; baselines ${(seconds('accounts: exact') + seconds('contacts: exact')).toFixed(2)} s; peak RSS ${timer.peakRssMiB().toFixed(0)} MiB`,
);

if (process.argv.includes('--examples')) {
  // A few explanations as a manager reads them, best first.
  out.push('');
  for (const p of [...accountPairs.slice(0, 3), ...contactPairs.slice(0, 3)])
    out.push(`- ${p.a.name} / ${p.b.name}: ${p.explanation.text}`);
}

if (DB) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { sqliteStorage } = await import('@gongfu/storage-sqlite');
  const { createCrm, sequentialIds } = await import('@gongfu/core');
  const dir = mkdtempSync(join(tmpdir(), 'gongfu-entity-bench-'));
  const storage = await sqliteStorage({ filename: join(dir, 'crm.db') });
  const crm = createCrm({ storage, ids: sequentialIds() });
  const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
  const t0 = performance.now();
  const stored = new Map<string, string>();
  for (const a of gen.accounts) {
    const created = await crm.accounts.create(admin, {
      name: a.name,
      kind: a.kind,
      phones: a.phones,
      emails: a.emails,
      ...(a.creditCode ? { creditCode: a.creditCode } : {}),
      ...(a.region ? { region: a.region } : {}),
    });
    stored.set(a.id, created.id);
  }
  const storedContact = new Map<string, string>();
  for (const c of gen.contacts) {
    const created = await crm.contacts.create(admin, {
      accountId: stored.get(c.accountId)!,
      name: c.name,
      ...(c.phone ? { phone: c.phone } : {}),
      ...(c.mobile ? { mobile: c.mobile } : {}),
      ...(c.email ? { email: c.email } : {}),
    });
    storedContact.set(c.id, created.id);
  }
  const seed = (performance.now() - t0) / 1000;
  const viaService = async (
    find: typeof reports.findDuplicateAccounts,
    pure: EntityDuplicate[],
    ids: Map<string, string>,
  ) => {
    const t = performance.now();
    const found = await find(crm, admin, { limit: 10_000 });
    const took = (performance.now() - t) / 1000;
    // The service must propose what the pure engine proposes (the first 10,000, by stored ids).
    const want = new Set(pure.slice(0, 10_000).map((p) => pairKey(ids.get(p.a.id)!, ids.get(p.b.id)!)));
    const same = found.filter((p) => want.has(pairKey(p.a.id, p.b.id))).length;
    return `${took.toFixed(2)} s (${count(found.length)} pairs, ${count(same)} of them the pure engine's)`;
  };
  const accountsLine = await viaService(reports.findDuplicateAccounts, accountPairs, stored);
  const contactsLine = await viaService(reports.findDuplicateContacts, contactPairs, storedContact);
  out.push('');
  out.push(
    `DB-backed (SQLite file, through the service): seeded ${count(gen.accounts.length)} accounts and ${count(gen.contacts.length)} contacts in ${seed.toFixed(1)} s; findDuplicateAccounts(admin, limit 10,000) ${accountsLine}; findDuplicateContacts(admin, limit 10,000) ${contactsLine}`,
  );
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}
timer.stop();
console.log(out.join('\n'));

export {};
