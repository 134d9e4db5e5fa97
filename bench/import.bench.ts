/**
 * Bulk import (`@gongfu/import`): rows/s for N accounts from CSV with the duplicate check on, and the
 * same import with the check off as the baseline measured in the same run.
 *
 *   npx tsx bench/import.bench.ts [--n 100000] [--baseline 20000] [--batch 500] [--pg postgres://…] [--off-only]
 *
 * Every trade name is distinct (the row number in base 40, as characters), with 1 % of the rows
 * repeating an earlier customer under a slightly different name: those are the duplicates the
 * check must catch. Each run imports into a fresh SQLite file (or a fresh PostgreSQL schema).
 */
const { runFromSource } = await import('./support.js');
runFromSource(4096);

const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const { createCrm } = await import('@gongfu/core');
const { runImport } = await import('@gongfu/import');
const { sqliteStorage } = await import('@gongfu/storage-sqlite');
const { machineLine, argValue, fmtInt, fmtRatio } = await import('./measure.js');

const N = Number(argValue('--n') ?? 100_000);
const BASELINE = Number(argValue('--baseline') ?? Math.min(N, 20_000));
const BATCH = Number(argValue('--batch') ?? 500);
const PG = argValue('--pg');

const CHARS = '华信远通达恒瑞安泰宏盛祥和丰隆兴源明德佳诚宇鑫辉腾飞凯伟嘉润博志新力光科创益';
const CITIES = ['济南', '青岛', '烟台', '潍坊', '临沂', '淄博', '威海', '济宁'];
const SUFFIX = ['信息技术有限公司', '系统集成有限公司', '物流有限公司', '贸易有限公司', '软件有限公司'];
const trade = (i: number) => {
  let s = '';
  for (let k = 0; k < 4; k++, i = Math.floor(i / CHARS.length)) s += CHARS[i % CHARS.length];
  return s;
};

function accountsCsv(n: number): { path: string; planted: number } {
  const dir = mkdtempSync(join(tmpdir(), 'gongfu-import-bench-'));
  const lines = ['name,kind,region.province,phones'];
  let planted = 0;
  for (let i = 0; i < n; i++) {
    const city = CITIES[i % CITIES.length] as string;
    const suffix = SUFFIX[i % SUFFIX.length] as string;
    const phone = `0531-${String(10_000_000 + i).slice(1)}`;
    if (i > 100 && i % 100 === 0) {
      // The customer of row i - 37 again: same trade name and phone, the city left out of the name.
      const j = i - 37;
      lines.push(
        `${trade(j)}${SUFFIX[j % SUFFIX.length]},end_user,37,0531-${String(10_000_000 + j).slice(1)}`,
      );
      planted++;
    } else lines.push(`${city}${trade(i)}${suffix},end_user,37,${phone}`);
  }
  const path = join(dir, 'accounts.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, planted };
}

async function openStorage(dir: string, name: string) {
  if (!PG) return sqliteStorage({ filename: join(dir, `${name}.db`) });
  const { postgresStorage } = await import('@gongfu/storage-postgres');
  const schema = `gf_import_bench_${process.pid}_${name}`;
  return postgresStorage({ connectionString: PG }, { schema, migrate: true });
}

async function timedImport(path: string, rows: number, duplicates: 'skip' | 'off', name: string) {
  const dir = mkdtempSync(join(tmpdir(), 'gongfu-import-db-'));
  const storage = await openStorage(dir, name);
  const crm = createCrm({ storage });
  const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
  const started = performance.now();
  const report = await runImport(crm, admin, {
    entity: 'account',
    runId: name,
    source: { path },
    batchSize: BATCH,
    duplicates,
    onProgress: (p) => {
      if (p.batches % 20 === 0) process.stderr.write(`\r${name}: ${p.read}/${rows}`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write('\n');
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
  return { seconds, rowsPerSecond: rows / seconds, counts: report.counts };
}

console.log(machineLine(`${PG ? 'PostgreSQL' : 'SQLite file'} · batch ${BATCH}`));
if (process.argv.includes('--off-only')) {
  // The baseline alone at N rows: how much of the time at scale is the service's, not the check's.
  const off = await timedImport(accountsCsv(N).path, N, 'off', 'off_only');
  console.log(
    `| check off | ${fmtInt(N)} | ${off.seconds.toFixed(1)} | ${fmtInt(off.rowsPerSecond)} | ${fmtInt(off.counts.imported)} | – |`,
  );
  console.log(machineLine('after'));
  process.exit(0);
}
const full = accountsCsv(N);
const base = accountsCsv(BASELINE);
const checked = await timedImport(full.path, N, 'skip', 'checked');
const baseline = await timedImport(base.path, BASELINE, 'off', 'baseline');
const baselineChecked = await timedImport(base.path, BASELINE, 'skip', 'baseline_checked');
console.log(`| run | rows | seconds | rows/s | imported | duplicates flagged (planted) |`);
console.log(`|---|---:|---:|---:|---:|---:|`);
console.log(
  `| duplicate check on | ${fmtInt(N)} | ${checked.seconds.toFixed(1)} | ${fmtInt(checked.rowsPerSecond)} | ${fmtInt(checked.counts.imported)} | ${fmtInt(checked.counts.duplicate)} (${fmtInt(full.planted)}) |`,
);
console.log(
  `| check on, first ${fmtInt(BASELINE)} | ${fmtInt(BASELINE)} | ${baselineChecked.seconds.toFixed(1)} | ${fmtInt(baselineChecked.rowsPerSecond)} | ${fmtInt(baselineChecked.counts.imported)} | ${fmtInt(baselineChecked.counts.duplicate)} (${fmtInt(base.planted)}) |`,
);
console.log(
  `| check off (baseline), first ${fmtInt(BASELINE)} | ${fmtInt(BASELINE)} | ${baseline.seconds.toFixed(1)} | ${fmtInt(baseline.rowsPerSecond)} | ${fmtInt(baseline.counts.imported)} | – |`,
);
console.log(
  `check on / check off rows/s at ${fmtInt(BASELINE)}: ${fmtRatio(baselineChecked.rowsPerSecond / baseline.rowsPerSecond)}`,
);
console.log(machineLine('after'));

export {};
