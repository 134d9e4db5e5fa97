import type { CrmStorage } from '@gongfu/core';
import { createTenantAdmin, DEFAULT_TENANT_ID, exportToString, isCrmError, ManualClock } from '@gongfu/core';
import { expect, it } from 'vitest';
import { buildTenant, type DealPlan, START, type TenantFixture } from './tenant-plan.js';
import { tenantSnapshot } from './tenant-snapshot.js';

async function codeOf(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  return isCrmError(e) ? e.code : `resolved or foreign: ${String(e)}`;
}

/** Something in every table: deals at every stage, quotes, costs, visits, reminders, a merge. */
const FULL: DealPlan[] = [
  {
    company: '山东恒通系统集成有限公司',
    rep: 'repA',
    quote: true,
    reach: 'ordered',
    cost: 12_345,
    visitDay: 2,
  },
  { company: '济南华信系统集成', rep: 'repB', quote: true, reach: 'converted', cost: 500, visitDay: 9 },
  { company: '青岛港务物流', rep: 'repA', quote: false, reach: 'converted', cost: null, visitDay: null },
  { company: 'Acme Barcode Ltd', rep: 'repB', quote: true, reach: 'lead', cost: 99, visitDay: 0 },
];

async function fullTenant(storage: CrmStorage, id: string): Promise<TenantFixture> {
  const f = await buildTenant(storage, id, id.replace(/\W/g, ''), FULL);
  const [survivorId, , mergedId] = f.ids.accounts as [string, string, string];
  const { crm, org } = f;
  await crm.accounts.merge(org.admin, { survivorId, mergedId });
  // The catalogue (LS2208, stocked by buildTenant) travels too, with a change in its history.
  await crm.products.update(org.admin, 'LS2208', { name: '激光扫描枪' });
  await crm.quotas.set(org.manager, {
    userId: org.repA.id,
    period: '2026-Q1',
    target: { amount: 3_000_000_00, currency: 'CNY' },
  });
  await crm.demoLoans.lend(org.repA, {
    sku: 'LS2208',
    serial: 'DEMO-1',
    accountId: survivorId,
    dueBack: '2026-03-20',
  });
  // After-sales service starts on delivery: confirm, ship all 200 scanners, deliver, then a repair.
  const orderId = f.ids.orders[0] as string;
  const order = await crm.orders.confirm(org.repA, orderId);
  const lines = order.lines.map((l) => ({
    lineId: l.id,
    quantity: l.quantity,
    serials: Array.from({ length: l.quantity }, (_, i) => `${l.sku}-${i + 1}`),
  }));
  await crm.orders.ship(org.repA, orderId, { lines });
  await crm.orders.deliver(org.repA, orderId);
  await crm.serviceCases.open(org.repA, {
    orderId,
    serial: 'LS2208-7',
    kind: 'repair',
    summary: '扫描头不读码',
  });
  // A bulk import's ledger row (`@gongfu/import` writes it beside the records of each batch).
  await storage.transaction({ tenantId: id }, (tx) =>
    tx.importLedger.record('fixture-run', [{ rowKey: '1', entity: 'account', recordId: survivorId }]),
  );
  // The workspace's own configuration travels with it: a wireless pipeline without the demo stage.
  const wireless = (await crm.config.get(org.admin)).pipelines.wireless.filter((s) => s.id !== 'demo');
  await crm.config.update(org.admin, { expectedVersion: 0, pipelines: { wireless } });
  return f;
}

/** The lines of an export with one line changed by `edit` (index 0 = header). */
function editLines(text: string, edit: (lines: string[]) => string[]): string {
  return `${edit(text.trimEnd().split('\n')).join('\n')}\n`;
}

/** Tenant lifecycle through `createTenantAdmin`: create, list, export, import, delete. */
export function registerTenantLifecycleCases(storage: () => CrmStorage, run: () => string): void {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `life-${run()}-${i}`);

  it('export → delete → import reproduces a tenant exactly (raw rows and service view), leaving others alone', async () => {
    const [a, b] = ids(2) as [string, string];
    const admin = createTenantAdmin(storage());
    const ta = await fullTenant(storage(), a);
    const tb = await fullTenant(storage(), b);
    const otherBefore = await exportToString(admin.export(a));
    const text = await exportToString(admin.export(b));
    const snapshot = await tenantSnapshot(storage(), b);
    const tables = (JSON.parse(text.slice(0, text.indexOf('\n'))) as { tables: string[] }).tables;
    const filled = new Set(
      text
        .split('\n')
        .slice(1, -2)
        .map((l) => (JSON.parse(l) as { table: string }).table),
    );
    // Verdicts need a manager's decision; the dedupe_* keys are derived, built by a duplicate report.
    expect([...filled].sort(), 'the fixture fills every table but duplicate verdicts and keys').toEqual(
      tables.filter((t) => t !== 'duplicate_resolutions' && !t.startsWith('dedupe_')).sort(),
    );

    await admin.delete(b);
    expect(await storage().tenants.get(b)).toBeNull();
    expect(await codeOf(exportToString(admin.export(b)))).toBe('NOT_FOUND');
    expect(await codeOf(tb.crm.leads.list(tb.org.admin))).toBe('NOT_FOUND');

    const restored = await admin.import(text);
    expect(restored).toEqual({ id: b, name: `workspace ${b}`, createdAt: START });
    expect(await exportToString(admin.export(b))).toBe(text);
    expect(await tenantSnapshot(storage(), b)).toEqual(snapshot);
    expect(await exportToString(admin.export(a))).toBe(otherBefore);

    // The restored tenant keeps working: a new write appends to history after the imported events.
    const lead = tb.ids.leads[3] as string;
    const history = await tb.crm.history.forRecord(tb.org.admin, 'lead', lead);
    await tb.crm.leads.update(tb.org.repB, lead, { company: 'Acme Barcode (Asia)' });
    const after = await tb.crm.history.forRecord(tb.org.admin, 'lead', lead);
    expect(after.slice(0, -1)).toEqual(history);
    expect(after.at(-1)?.event).toBe('lead.updated');
    expect(ta.tenantId).toBe(a);
    // The order-number counter travelled with it: the next order follows the highest number.
    const { order } = await tb.crm.opportunities.win(tb.org.repB, tb.ids.opportunities[1] as string, {
      createOrder: {},
    });
    expect(order?.number).toBe('SO-2026-000002');
  });

  it('an export from before counters imports: order numbers continue after its highest one', async () => {
    const [b, x] = ids(2) as [string, string];
    const admin = createTenantAdmin(storage());
    const tb = await fullTenant(storage(), b);
    const text = await exportToString(admin.export(b));
    const isCounter = (line: string) => line.startsWith('{"row":') && line.endsWith('"table":"counters"}');
    expect(text.split('\n').filter(isCounter)).toEqual([
      '{"row":{"name":"order_number","value":1},"table":"counters"}',
    ]);
    // The file as an SDK without the counters table wrote it: not in the header, no rows, one fewer.
    const older = editLines(text, ([h, ...rest]) => {
      const header = JSON.parse(h as string) as { tables: string[] };
      header.tables = header.tables.filter((t) => t !== 'counters');
      const rows = rest.slice(0, -1).filter((l) => !isCounter(l));
      return [JSON.stringify(header), ...rows, JSON.stringify({ end: true, rows: rows.length })];
    });
    await admin.import(older, { id: x });
    const crmX = tb.crm.forTenant(x);
    const { order } = await crmX.opportunities.win(tb.org.repB, tb.ids.opportunities[1] as string, {
      createOrder: {},
    });
    expect(order?.number).toBe('SO-2026-000002');
    expect((await crmX.orders.list(tb.org.admin)).items.map((o) => o.number).sort()).toEqual([
      'SO-2026-000001',
      'SO-2026-000002',
    ]);
  });

  it('an export imports under another id and is served there by createCrm; the source is untouched', async () => {
    const [b, x] = ids(2) as [string, string];
    const admin = createTenantAdmin(storage());
    const tb = await fullTenant(storage(), b);
    // Columns stored beside the document travel too: the end customer a deal list filters on.
    const dealId = tb.ids.opportunities[1] as string;
    const linked = await tb.crm.opportunities.linkEndCustomer(tb.org.repB, dealId, { name: '山东物流集团' });
    const text = await exportToString(admin.export(b));
    await admin.import(text, { id: x });
    // Byte-equal but for the tenant id: every record says where it now lives.
    expect(await exportToString(admin.export(x))).toBe(text.split(`"${b}"`).join(`"${x}"`));
    expect(await exportToString(admin.export(b))).toBe(text);
    const crmX = tb.crm.forTenant(x);
    const endCustomerId = linked.endCustomer?.accountId as string;
    const byEndCustomer = (crm: typeof crmX) =>
      crm.opportunities.list(tb.org.repB, { endCustomerId }).then((p) => p.items.map((o) => o.id));
    expect(await byEndCustomer(tb.crm)).toEqual([dealId]);
    expect(await byEndCustomer(crmX)).toEqual([dealId]);
    // …and who each search key is visible to: a rep finds in the copy what they find in the source.
    const found = (crm: typeof crmX) =>
      crm.search.find(tb.org.repA, { q: 'hengtong' }).then((r) => r.hits.map((h) => h.id).sort());
    expect((await found(tb.crm)).length).toBeGreaterThan(0);
    expect(await found(crmX)).toEqual(await found(tb.crm));
    const leads = (await crmX.leads.list(tb.org.admin, { limit: 100 })).items;
    expect(leads.map((l) => l.id).sort()).toEqual([...tb.ids.leads].sort());
    expect(leads.every((l) => l.tenantId === x)).toBe(true);
    const updated = await crmX.leads.update(tb.org.repB, tb.ids.leads[3] as string, { company: 'Moved Ltd' });
    expect(updated).toMatchObject({ tenantId: x, company: 'Moved Ltd' });
    expect((await tb.crm.leads.get(tb.org.admin, tb.ids.leads[3] as string)).company).toBe(
      'Acme Barcode Ltd',
    );
  });

  it('while an import is under way or stopped, every command and read of that tenant is refused (TENANT importing); the resumed import completes and serves', async () => {
    const [b, x] = ids(2) as [string, string];
    const admin = createTenantAdmin(storage());
    const tb = await fullTenant(storage(), b);
    const text = await exportToString(admin.export(b));
    const lines = text.trimEnd().split('\n');
    // More rows than one import transaction holds (128): the first is committed, the tenant marked.
    expect(lines.length).toBeGreaterThan(2 + 128);
    let stalled = false;
    // The source stalls for good before its end line, as a killed importer would: no removal runs.
    async function* stalling(): AsyncGenerator<string> {
      yield* lines.slice(0, -1);
      stalled = true;
      await new Promise<never>(() => {});
    }
    void admin.import(stalling(), { id: x });
    while (!stalled) await new Promise((r) => setTimeout(r, 5));
    const crmX = tb.crm.forTenant(x);
    const { admin: boss, repA } = tb.org;
    const dealId = tb.ids.opportunities[0] as string;
    const calls: [string, () => Promise<unknown>][] = [
      ['accounts.list', () => crmX.accounts.list(boss)],
      ['opportunities.get', () => crmX.opportunities.get(repA, dealId)],
      ['opportunities.list', () => crmX.opportunities.list(repA)],
      ['leads.list', () => crmX.leads.list(boss)],
      ['search.find', () => crmX.search.find(repA, { q: 'hengtong' })],
      ['costs.total', () => crmX.costs.total(boss)],
      ['accounts.create', () => crmX.accounts.create(repA, { name: '导入中新建客户', kind: 'end_user' })],
      ['leads.update', () => crmX.leads.update(repA, tb.ids.leads[0] as string, { company: 'X' })],
      ['users.create', () => crmX.users.create(crmX.system, { name: '新人', role: 'sales_rep' })],
    ];
    for (const [name, call] of calls) {
      const e = await call().then(
        () => null,
        (error: unknown) => error,
      );
      expect(isCrmError(e) && { code: e.code, name: e.name }, name).toEqual({
        code: 'CONFLICT',
        name: 'TenantImportingError',
      });
      expect((e as { tenant?: string }).tenant, name).toBe(x);
      expect((e as Error).message, name).toContain(`tenant ${x} is being imported`);
    }
    const zh = await tb.crm
      .forTenant(x)
      .with({ locale: 'zh-CN' })
      .accounts.list(boss)
      .catch((error: unknown) => error);
    expect((zh as Error).message).toBe(
      `租户 ${x} 正在导入（或正在清除一次失败的导入）；完成后才能读取和修改其数据`,
    );
    // Nothing the refused commands tried was written; the other tenant is served as before.
    expect((await tb.crm.accounts.list(boss)).items.length).toBeGreaterThan(0);
    // The same file again: the import continues after the committed rows and completes.
    await admin.import(text, { id: x });
    expect(await exportToString(admin.export(x))).toBe(text.split(`"${b}"`).join(`"${x}"`));
    expect((await crmX.opportunities.get(repA, dealId)).tenantId).toBe(x);
    const made = await crmX.accounts.create(repA, { name: '导入后新建客户', kind: 'end_user' });
    expect(made.tenantId).toBe(x);
  });

  it('import refuses a non-empty target, another format or version, a truncated or malformed file — writing nothing', async () => {
    const [b, fresh] = ids(2) as [string, string];
    const admin = createTenantAdmin(storage());
    await fullTenant(storage(), b);
    const text = await exportToString(admin.export(b));
    expect(await codeOf(admin.import(text))).toBe('CONFLICT');
    expect(await exportToString(admin.export(b))).toBe(text);
    const header = (edit: (h: Record<string, unknown>) => void) =>
      editLines(text, ([h, ...rest]) => {
        const parsed = JSON.parse(h as string) as Record<string, unknown>;
        edit(parsed);
        return [JSON.stringify(parsed), ...rest];
      });
    const broken: Record<string, string> = {
      'version 2': header((h) => {
        h.version = 2;
      }),
      'another format': header((h) => {
        h.format = 'csv';
      }),
      'a table this storage lacks': header((h) => {
        h.tables = [...(h.tables as string[]), 'invoices'];
      }),
      'no end line': editLines(text, (l) => l.slice(0, -1)),
      'a row missing': editLines(text, (l) => [...l.slice(0, 1), ...l.slice(2)]),
      'an unknown column': editLines(text, (l) => [
        l[0] as string,
        (l[1] as string).replace('{"row":{', '{"row":{"extra":1,'),
        ...l.slice(2),
      ]),
      'a wrongly typed value': editLines(text, (l) => [
        l[0] as string,
        (l[1] as string).replace('{"row":{"active":true', '{"row":{"active":"yes"'),
        ...l.slice(2),
      ]),
      'not JSON': editLines(text, (l) => [l[0] as string, '{oops', ...l.slice(2)]),
    };
    for (const [what, file] of Object.entries(broken)) {
      expect(file, what).not.toBe(text);
      expect(await codeOf(admin.import(file, { id: fresh })), what).toBe('VALIDATION');
      expect(await storage().tenants.get(fresh), what).toBeNull();
    }
    // Rejected by the database half-way (the same row twice): rolled back, tenant row included.
    const twice = editLines(text, (l) => {
      const [h, first, ...rest] = l;
      const end = JSON.parse(rest.at(-1) as string) as { rows: number };
      return [
        h as string,
        first as string,
        first as string,
        ...rest.slice(0, -1),
        JSON.stringify({ end: true, rows: end.rows + 1 }),
      ];
    });
    expect(await codeOf(admin.import(twice, { id: fresh }))).toBe('CONFLICT');
    expect(await storage().tenants.get(fresh)).toBeNull();
  });

  it('create validates and refuses a taken id; delete is complete, refuses unknown ids and the default tenant unless forced', async () => {
    const [t] = ids(1) as [string];
    const clock = new ManualClock('2026-05-01T00:00:00.000Z');
    const admin = createTenantAdmin(storage(), { clock });
    expect(await admin.create({ id: t, name: ' 青岛分公司 ' })).toEqual({
      id: t,
      name: '青岛分公司',
      createdAt: '2026-05-01T00:00:00.000Z',
    });
    expect((await admin.list()).map((x) => x.id)).toContain(t);
    expect(await codeOf(admin.create({ id: t, name: 'again' }))).toBe('CONFLICT');
    for (const bad of ['Upper', '', '-lead', 'a'.repeat(64), 'a b']) {
      expect(await codeOf(admin.create({ id: bad, name: 'x' })), bad).toBe('VALIDATION');
    }
    expect(await codeOf(admin.delete(`${t}-missing`))).toBe('NOT_FOUND');
    expect(await codeOf(admin.delete(DEFAULT_TENANT_ID))).toBe('PERMISSION_DENIED');
    expect(await storage().tenants.get(DEFAULT_TENANT_ID)).not.toBeNull();
    await admin.delete(t);
    expect((await admin.list()).map((x) => x.id)).not.toContain(t);
  });

  it('the default tenant is deleted only with force', async () => {
    const admin = createTenantAdmin(storage());
    const text = await exportToString(admin.export(DEFAULT_TENANT_ID));
    await admin.delete(DEFAULT_TENANT_ID, { force: true });
    expect(await storage().tenants.get(DEFAULT_TENANT_ID)).toBeNull();
    // Put it back for whoever shares this storage.
    await admin.import(text);
    expect(await exportToString(admin.export(DEFAULT_TENANT_ID))).toBe(text);
  });
}
