/**
 * Generated deals (`duplicates-data.ts`) as tenant-export lines, for the benches that bulk-import a
 * large tenant through `createTenantAdmin(storage).import` (stored-key check, bulk work).
 */
import { createCrm, createTenantAdmin, TENANT_EXPORT_FORMAT, TENANT_EXPORT_VERSION } from '@gongfu/core';
import type { DealRecord } from '@gongfu/reports';
import { sqliteStorage } from '@gongfu/storage-sqlite';

type Row = Record<string, unknown>;

/**
 * The rows of one account, one opportunity and one user exactly as the service writes them, taken
 * from an export of a throwaway tenant: generated rows copy their shape and change only the data,
 * so the import sees what a real export holds and the bench follows any change to the documents.
 */
export async function templates(): Promise<{ user: Row; account: Row; opportunity: Row }> {
  const storage = await sqliteStorage({ filename: ':memory:' });
  const crm = createCrm({ storage });
  const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
  await crm.products.create(admin, { sku: 'LAS-1', name: 'LAS-1', category: 'laser_scanner' });
  const account = await crm.accounts.create(admin, {
    name: '模板有限公司',
    kind: 'end_user',
    phones: ['+8613012345678'],
  });
  await crm.opportunities.create(admin, {
    name: 'template',
    accountId: account.id,
    channel: 'key_account',
    lines: [{ sku: 'LAS-1', quantity: 1, unitPrice: { amount: 100, currency: 'CNY' } }],
    requiredDelivery: '2026-05-01',
    region: { province: '37' },
  });
  const rows = new Map<string, Row>();
  for await (const line of createTenantAdmin(storage).export(crm.tenantId)) {
    const parsed = JSON.parse(line) as { table?: string; row?: Row };
    if (parsed.table && parsed.row && !rows.has(parsed.table)) rows.set(parsed.table, parsed.row);
  }
  await storage.close();
  const get = (table: string) => {
    const row = rows.get(table);
    if (!row) throw new Error(`the template export has no ${table} row`);
    return row;
  };
  return { user: get('users'), account: get('accounts'), opportunity: get('opportunities') };
}

const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Every generated deal, its account, the reps and their ownership rows, as tenant-export lines in
 * the order an export writes them: table by table, rows by primary key (and the import writes each
 * table's run of rows in multi-row statements).
 */
export function* exportLines(
  records: readonly DealRecord[],
  t: Awaited<ReturnType<typeof templates>>,
  tenant: string,
  reps: number,
) {
  // Stamped a month ago, as an import of an existing CRM would be: older than any refresh look-back.
  const base = Date.now() - 30 * 86_400_000;
  const at = (i: number) => new Date(base + i).toISOString();
  const doc = (row: Row) => row.doc as Row;
  const line = (table: string, row: Row) => JSON.stringify({ table, row });
  const users = ['admin', ...Array.from({ length: reps }, (_, i) => `rep${i + 1}`)].sort(byText);
  // Each account once, at the first deal that names it; both in primary-key order.
  const firstDeal = new Map<string, number>();
  for (const [i, r] of records.entries()) if (!firstDeal.has(r.accountId)) firstDeal.set(r.accountId, i);
  const accounts = [...firstDeal.keys()].sort(byText).map((id) => firstDeal.get(id)!);
  const deals = records.map((_, i) => i).sort((i, j) => byText(records[i]!.id, records[j]!.id));
  yield JSON.stringify({
    format: TENANT_EXPORT_FORMAT,
    version: TENANT_EXPORT_VERSION,
    tenant: { id: tenant, name: 'Duplicates bench', createdAt: at(0) },
    tables: ['users', 'accounts', 'opportunities', 'team_members'],
  });
  for (const id of users) {
    const role = id === 'admin' ? 'admin' : 'sales_rep';
    const stamp = { id, name: id, role, tenantId: tenant, createdAt: at(0), updatedAt: at(0) };
    const fields = { id, name: id, role, owner_id: id, team_key: id, created_at: at(0), updated_at: at(0) };
    yield line('users', { ...t.user, ...fields, doc: { ...doc(t.user), ...stamp } });
  }
  for (const i of accounts) {
    const r = records[i]!;
    const phones = r.accountKeys.filter((k) => k.startsWith('ph:')).map((k) => k.slice(3));
    const creditCode = r.accountKeys.find((k) => k.startsWith('cc:'))?.slice(3) ?? null;
    const kind = r.accountKind ?? 'end_user';
    yield line('accounts', {
      ...t.account,
      id: r.accountId,
      name: r.accountName,
      kind,
      credit_code: creditCode,
      search: [r.accountName, ...phones].join('\n').toLowerCase(),
      owner_id: 'admin',
      team_key: r.accountId,
      created_at: at(i),
      updated_at: at(i),
      doc: {
        ...doc(t.account),
        id: r.accountId,
        tenantId: tenant,
        name: r.accountName,
        kind,
        creditCode,
        phones,
        ownerId: 'admin',
        createdAt: at(i),
        updatedAt: at(i),
      },
    });
  }
  for (const i of deals) {
    const r = records[i]!;
    const quantity = r.lines.reduce((sum, l) => sum + l.quantity, 0);
    // The generator gives the amount, not prices: an even unit price is close enough, and the
    // detector compares the amount, which is kept exactly.
    const unitPrice = { amount: Math.round(r.amountMinor / Math.max(1, quantity)), currency: r.currency };
    yield line('opportunities', {
      ...t.opportunity,
      id: r.id,
      account_id: r.accountId,
      amount_minor: r.amountMinor,
      currency: r.currency,
      owner_id: r.ownerId,
      team_key: r.id,
      created_at: at(i),
      updated_at: at(i),
      stage_entered_at: at(i),
      doc: {
        ...doc(t.opportunity),
        id: r.id,
        tenantId: tenant,
        name: r.name,
        accountId: r.accountId,
        ownerId: r.ownerId,
        endCustomer: r.endCustomer === null ? null : { name: r.endCustomer, tender: null },
        lines: r.lines.map((l, k) => ({
          id: `${r.id}_line${k}`,
          sku: l.sku,
          category: l.category,
          description: null,
          quantity: l.quantity,
          unitPrice,
        })),
        currency: r.currency,
        amount: { amount: r.amountMinor, currency: r.currency },
        requiredDelivery: r.requiredDelivery,
        region: r.province === null ? null : { province: r.province },
        createdAt: at(i),
        updatedAt: at(i),
        stageEnteredAt: at(i),
      },
    });
  }
  // The owner's own team row, which the service writes for every account and deal.
  const teams = [
    ...accounts.map((i) => [records[i]!.accountId, 'admin'] as const),
    ...deals.map((i) => [records[i]!.id, records[i]!.ownerId] as const),
  ].sort(([x], [y]) => byText(x, y));
  for (const [teamKey, userId] of teams)
    yield line('team_members', {
      team_key: teamKey,
      user_id: userId,
      role: 'sales',
      access: 'edit',
      is_owner: true,
    });
  yield JSON.stringify({ end: true, rows: users.length + accounts.length + deals.length + teams.length });
}
