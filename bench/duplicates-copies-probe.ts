/**
 * Exact copies of one deal in a small, varied tenant, from the user's chair (helper h-chair, issue
 * 14): 80 ordinary deals of 25 customers, then N copies of one deal (one rep, one customer, one
 * basket, one delivery day). Prints what the public scan says of the copies for each N. Public API
 * only; nothing is tuned here.
 *
 *   npx tsx bench/duplicates-copies-probe.ts [--copies 2,3,5,8]
 *
 * Found 2026-12-06: 2 and 3 copies are proposed (5.9 / 3.5 bits), 5 copies score −4.8 bits and 8
 * copies −8.2: none is proposed, because "the same customer" turns negative as the copies are
 * counted as the customer's re-orders of its kit, and "delivery on the same day" weighs below 0.
 */
const { runFromSource } = await import('./support.js');
runFromSource();

const { createCrm } = await import('@gongfu/core');
const { findDuplicateClusters, findDuplicateDeals } = await import('@gongfu/reports');
const { sqliteStorage } = await import('@gongfu/storage-sqlite');

const arg = process.argv.indexOf('--copies');
const counts = (arg > 0 ? (process.argv[arg + 1] ?? '') : '2,3,5,8').split(',').map(Number);
const cny = (yuan: number) => ({ amount: yuan * 100, currency: 'CNY' });

async function probe(copies: number): Promise<void> {
  const storage = await sqliteStorage({ filename: ':memory:' });
  const crm = createCrm({ storage });
  const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
  const li = await crm.users.create(admin, { name: '李庆成', role: 'sales_manager' });
  const reps = [];
  for (let r = 0; r < 4; r++) {
    reps.push(
      await crm.users.create(li, {
        name: `rep${r}`,
        role: 'sales_rep',
        managerId: li.id,
        channel: 'key_account',
      }),
    );
  }
  const skus = ['LS2208', 'SRV', 'WMS', 'NET', 'PRN', 'TAB', 'RFID', 'MC'];
  for (const sku of skus) {
    await crm.products.create(li, { sku, name: sku, category: sku.toLowerCase(), listPrice: cny(1000) });
  }
  const provinces = ['11', '31', '37', '44', '32'];
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const accounts = [];
  for (let a = 0; a < 25; a++) {
    const owner = reps[a % 4];
    if (!owner) throw new Error('no rep');
    accounts.push(
      await crm.accounts.create(owner, {
        name: `客户${a}号科技有限公司`,
        kind: 'end_user',
        region: { province: provinces[a % 5] ?? '11' },
      }),
    );
  }
  for (let d = 0; d < 80; d++) {
    const a = next(25);
    const lines = [...new Set([skus[next(8)] ?? 'MC', skus[next(8)] ?? 'MC'])].map((sku) => ({
      sku,
      quantity: 1 + next(300),
      unitPrice: cny(500 + next(1000)),
    }));
    await crm.opportunities.create(reps[a % 4] ?? li, {
      name: `d${d}`,
      accountId: accounts[a]?.id ?? '',
      channel: 'key_account',
      lines,
      requiredDelivery: `2026-${String(1 + next(12)).padStart(2, '0')}-${String(1 + next(28)).padStart(2, '0')}`,
      region: { province: provinces[a % 5] ?? '11' },
    });
  }
  const ids: string[] = [];
  for (let c = 0; c < copies; c++) {
    const copy = await crm.opportunities.create(reps[0] ?? li, {
      name: 'copy',
      accountId: accounts[0]?.id ?? '',
      channel: 'key_account',
      lines: [
        { sku: 'LS2208', quantity: 200, unitPrice: cny(980) },
        { sku: 'SRV', quantity: 1, unitPrice: cny(58_000) },
      ],
      requiredDelivery: '2026-06-30',
      region: { province: '11' },
    });
    ids.push(copy.id);
  }
  const all = await findDuplicateDeals(crm, li, { limit: 10_000, minScore: -50 });
  const ofCopies = all.filter((p) => ids.includes(p.a.id) && ids.includes(p.b.id));
  const proposed = all.filter((p) => p.score >= 0);
  const clusters = await findDuplicateClusters(crm, li);
  const first = ofCopies[0];
  console.log(
    `${copies} copies: ${ofCopies.filter((p) => p.score >= 0).length} of ${ofCopies.length} copy pairs proposed,`,
    `best ${first?.score.toFixed(2)} bits; clusters ${clusters.map((c) => c.dealIds.length).join(' ') || 'none'};`,
    `proposed in all ${proposed.length}`,
  );
  console.log(`  ${first?.signals.map((s) => `${s.name}:${s.level} ${s.weight.toFixed(2)}`).join(', ')}`);
  console.log(`  ${first?.explanation.text}`);
  await storage.close();
}

for (const n of counts) await probe(n);

export {};
