import { Readable } from 'node:stream';
import type { CrmStorage } from '@gongfu/core';
import { openWorld, type ServiceWorld, type StorageFactory } from '@gongfu/service-suites';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkNewAccount,
  checkNewContact,
  createAccountChecked,
  dryRunImport,
  runImport,
} from '../../src/index.js';

const csv = (text: string) => ({ stream: Readable.from([text]), format: 'csv' as const });
const jsonl = (rows: unknown[]) => ({
  stream: Readable.from([rows.map((r) => JSON.stringify(r)).join('\n')]),
  format: 'jsonl' as const,
});

/** `n` distinct customers as CSV, names that share no trade name (so none is a duplicate of another). */
function accountsCsv(n: number): string {
  const lines = ['name,kind,region.province,phones'];
  for (let i = 0; i < n; i++)
    lines.push(
      `客户${i.toString(36)}号${'甲乙丙丁戊己庚辛'[i % 8]}科技有限公司,end_user,37,0531-8${String(i).padStart(3, '0')} ${String(1000 + i)}`,
    );
  return `${lines.join('\n')}\n`;
}

async function accountCount(w: ServiceWorld): Promise<number> {
  return w.crm.runAs(w.org.admin, (ctx) => ctx.tx.accounts.count(undefined, ctx.scope()));
}

export function describeImport(makeStorage: StorageFactory): void {
  describe('bulk import (@gongfu/import)', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    it('a dry run reports every row: valid, invalid with field and reason, probable duplicate with why — and writes nothing', async () => {
      const w = await openWorld(storage);
      await w.crm.accounts.create(w.org.repB, {
        name: '青岛瑞达信息技术有限公司',
        kind: 'end_user',
        phones: ['0532-8666 1234'],
      });
      const file = [
        'name,kind,region.province,phones,emails',
        '山东恒通系统集成有限公司,system_integrator,37,0531-8888 0000,',
        ',end_user,37,,',
        '济南远方物流有限公司,space_station,37,,',
        '青岛瑞达信息技术有限公司,end_user,37,0532-8666 1234,',
        '济南华信软件有限公司,end_user,37,,not-an-email',
        '山东恒通系统集成有限公司,system_integrator,37,0531-8888 0000,',
      ].join('\n');
      const before = await accountCount(w);
      const report = await dryRunImport(w.crm, w.org.manager, {
        entity: 'account',
        runId: 'r1',
        source: csv(file),
      });
      expect(report.rows.map((r) => r.status)).toEqual([
        'valid',
        'invalid',
        'invalid',
        'duplicate',
        'invalid',
        'duplicate',
      ]);
      expect(report.rows[1]?.issues?.map((i) => i.field)).toEqual(['name']);
      expect(report.rows[2]?.issues?.map((i) => i.field)).toEqual(['kind']);
      expect(report.rows[4]?.issues?.[0]?.field).toBe('emails.0');
      const dup = report.rows[3]?.duplicates?.[0];
      expect(dup).toMatchObject({ visible: true, name: '青岛瑞达信息技术有限公司', ownerName: '销售员乙' });
      expect(dup?.message).toContain('This looks like 青岛瑞达信息技术有限公司 (owner 销售员乙)');
      expect(report.rows[5]?.duplicates?.[0]?.message).toMatch(/repeats row 1/);
      expect(report.counts).toMatchObject({ valid: 1, invalid: 3, duplicate: 2, imported: 0 });
      expect(await accountCount(w)).toBe(before);
    });

    it('imports in batches with progress, skips duplicates, and a rerun of the run writes nothing twice', async () => {
      const w = await openWorld(storage);
      const progress: number[] = [];
      const before = await accountCount(w);
      const options = { entity: 'account' as const, runId: 'load-1', batchSize: 4 };
      const report = await runImport(w.crm, w.org.admin, {
        ...options,
        source: csv(accountsCsv(10)),
        onProgress: (p) => progress.push(p.counts.imported),
      });
      expect(report.counts.imported).toBe(10);
      expect(progress).toEqual([4, 8, 10]);
      expect(await accountCount(w)).toBe(before + 10);
      const again = await runImport(w.crm, w.org.admin, { ...options, source: csv(accountsCsv(10)) });
      expect(again.counts).toMatchObject({ imported: 0, already_imported: 10 });
      expect(await accountCount(w)).toBe(before + 10);
    });

    it('resumes after a crash after batch k: rerun, and the rows equal the input exactly', async () => {
      for (const k of [1, 2]) {
        const w = await openWorld(storage);
        const before = await accountCount(w);
        const options = { entity: 'account' as const, runId: `crash-${k}`, batchSize: 3 };
        const crash = new Error(`killed after batch ${k}`);
        await expect(
          runImport(w.crm, w.org.admin, {
            ...options,
            source: csv(accountsCsv(11)),
            onProgress: (p) => {
              if (p.batches === k) throw crash;
            },
          }),
        ).rejects.toBe(crash);
        expect(await accountCount(w)).toBe(before + 3 * k);
        const rerun = await runImport(w.crm, w.org.admin, { ...options, source: csv(accountsCsv(11)) });
        expect(rerun.counts).toMatchObject({ already_imported: 3 * k, imported: 11 - 3 * k, duplicate: 0 });
        expect(await accountCount(w)).toBe(before + 11);
      }
    });

    it('a row the command refuses is reported with the reason and the rest of its batch is written; the rerun adds it once fixed', async () => {
      const w = await openWorld(storage);
      const before = await accountCount(w);
      // The 5th row names an owner who does not exist: its schema passes, the command refuses it.
      const rows = Array.from({ length: 6 }, (_, i) => ({
        name: `批次${'ABCDEF'[i]}贸易有限公司`,
        kind: 'dealer',
        ...(i === 4 ? { ownerId: 'user_nobody' } : {}),
      }));
      const options = { entity: 'account' as const, runId: 'half', batchSize: 3 };
      const dry = await dryRunImport(w.crm, w.org.admin, { ...options, source: jsonl(rows) });
      expect(dry.counts).toMatchObject({ valid: 5, invalid: 1, imported: 0 });
      expect(await accountCount(w)).toBe(before);
      const first = await runImport(w.crm, w.org.admin, { ...options, source: jsonl(rows) });
      expect(first.counts).toMatchObject({ imported: 5, invalid: 1 });
      expect(first.rows).toEqual([
        expect.objectContaining({ line: 5, status: 'invalid', refusal: 'NOT_FOUND' }),
      ]);
      expect(first.rows[0]?.issues?.[0]?.message).toContain('user_nobody');
      expect(await accountCount(w)).toBe(before + 5);
      rows[4] = { name: '批次E贸易有限公司', kind: 'dealer' };
      const rerun = await runImport(w.crm, w.org.admin, { ...options, source: jsonl(rows) });
      expect(rerun.counts).toMatchObject({ already_imported: 5, imported: 1 });
      expect(await accountCount(w)).toBe(before + 6);
    });

    it("a dry run holds leads to the tenant's own lists and catalogue, as the import will", async () => {
      const w = await openWorld(storage);
      const header =
        'source,receivedAt,company,contact.name,contact.phone,channel,interests.0.sku,interests.0.quantity';
      const line = (source: string, sku: string) =>
        `${source},2026-03-02T09:15:00+08:00,济南华信软件有限公司,李工,0531-8111 2222,key_account,${sku},20`;
      const file = [
        header,
        line('inbound_call', 'LS2208'),
        line('carrier_pigeon', 'LS2208'),
        line('inbound_call', 'NO-SUCH-SKU'),
      ].join('\n');
      const options = { entity: 'lead' as const, runId: 'leads-dry' };
      const dry = await dryRunImport(w.crm, w.org.repA, { ...options, source: csv(file) });
      expect(dry.rows.map((r) => [r.line, r.status, r.refusal ?? r.issues?.[0]?.field])).toEqual([
        [1, 'valid', undefined],
        [2, 'invalid', 'VALIDATION'],
        [3, 'invalid', 'VALIDATION'],
      ]);
      expect(dry.rows[1]?.issues?.[0]?.field).toBe('source');
      expect(dry.rows[2]?.issues?.[0]?.field).toMatch(/^interests\.0/);
      const leadsBefore = (await w.crm.leads.list(w.org.repA)).items.length;
      const real = await runImport(w.crm, w.org.repA, { ...options, source: csv(file) });
      expect(real.counts).toMatchObject({ imported: 1, invalid: 2 });
      expect((await w.crm.leads.list(w.org.repA)).items.length).toBe(leadsBefore + 1);
    });

    it('imports contacts, leads and products from JSON lines and CSV', async () => {
      const w = await openWorld(storage);
      const account = await w.crm.accounts.create(w.org.repA, {
        name: '山东恒通系统集成有限公司',
        kind: 'system_integrator',
      });
      const contacts = await runImport(w.crm, w.org.repA, {
        entity: 'contact',
        runId: 'c1',
        source: jsonl([
          { accountId: account.id, name: '王工', mobile: '13800001111' },
          { accountId: account.id, name: '王工', mobile: '13800001111' },
        ]),
      });
      expect(contacts.counts).toMatchObject({ imported: 1, duplicate: 1 });
      const leads = await runImport(w.crm, w.org.repA, {
        entity: 'lead',
        runId: 'l1',
        source: csv(
          'source,receivedAt,company,contact.name,contact.phone,channel,interests.0.sku,interests.0.quantity\n' +
            'inbound_call,2026-03-02T09:15:00+08:00,济南华信软件有限公司,李工,0531-8111 2222,key_account,LS2208,20\n',
        ),
      });
      expect(leads.counts.imported).toBe(1);
      const products = await runImport(w.crm, w.org.admin, {
        entity: 'product',
        runId: 'p1',
        source: csv(
          'sku,name,category,listPrice.amount,listPrice.currency\nLS9208,扫描枪,scanner,99000,CNY\n',
        ),
      });
      expect(products.counts.imported).toBe(1);
      expect((await w.crm.products.get(w.org.admin, 'LS9208')).listPrice).toEqual({
        amount: 99000,
        currency: 'CNY',
      });
    });

    it('checking one new customer names only what the rep may open', async () => {
      const w = await openWorld(storage);
      const ruida = await w.crm.accounts.create(w.org.repB, {
        name: '青岛瑞达信息技术有限公司',
        kind: 'end_user',
      });
      const input = { name: '青岛瑞达信息技术有限公司', kind: 'end_user' as const };
      const forManager = await checkNewAccount(w.crm, w.org.manager, input);
      expect(forManager[0]).toMatchObject({ visible: true, id: ruida.id, ownerName: '销售员乙' });
      expect(forManager[0]?.message).toContain('This looks like 青岛瑞达信息技术有限公司 (owner 销售员乙)');
      const forRepA = await checkNewAccount(w.crm, w.org.repA, input);
      expect(forRepA).toHaveLength(1);
      expect(JSON.stringify(forRepA)).not.toContain('瑞达');
      expect(JSON.stringify(forRepA)).not.toContain(ruida.id);
      expect(forRepA[0]?.visible).toBe(false);
      const saved = await createAccountChecked(w.crm, w.org.repA, input);
      expect(saved.account).toBeNull();
      const forced = await createAccountChecked(w.crm, w.org.repA, input, { force: true });
      expect(forced.account?.name).toBe(input.name);
      expect(
        await checkNewAccount(w.crm, w.org.repA, { name: '济南完全不同贸易有限公司', kind: 'dealer' }),
      ).toEqual([]);
      const contact = await w.crm.contacts.create(w.org.repB, {
        accountId: ruida.id,
        name: '刘主任',
        mobile: '13900002222',
      });
      const same = await checkNewContact(w.crm, w.org.manager, {
        accountId: ruida.id,
        name: '刘主任',
        mobile: '139 0000 2222',
      });
      expect(same[0]).toMatchObject({ visible: true, id: contact.id });
    });

    it('row reasons and duplicate notices are keys, read in the locale of the crm (zh-CN and en)', async () => {
      const w = await openWorld(storage);
      await w.crm.accounts.create(w.org.repB, { name: '青岛瑞达信息技术有限公司', kind: 'end_user' });
      const file = [
        'name,kind,region.province,phones,emails',
        ',end_user,37,,',
        '济南远方物流有限公司,space_station,37,,',
        '济南华信软件有限公司,end_user,37,,not-an-email',
        '青岛瑞达信息技术有限公司,end_user,37,,',
      ].join('\n');
      const dryRun = (locale: string) =>
        dryRunImport(w.crm.with({ locale }), w.org.manager, {
          entity: 'account',
          runId: `m-${locale}`,
          source: csv(file),
        });
      const zh = await dryRun('zh-CN');
      const en = await dryRun('en');
      expect(zh.rows[0]?.issues?.[0]).toMatchObject({
        field: 'name',
        message: '必填',
        detail: { key: 'input.required' },
      });
      expect(en.rows[0]?.issues?.[0]?.message).toBe('required');
      expect(zh.rows[1]?.issues?.[0]).toMatchObject({ field: 'kind', detail: { key: 'input.oneOf' } });
      expect(zh.rows[1]?.issues?.[0]?.message).toMatch(/^须为以下之一：/);
      expect(zh.rows[2]?.issues?.[0]).toMatchObject({ field: 'emails.0', message: '应为邮箱地址' });
      expect(en.rows[2]?.issues?.[0]?.message).toBe('expected an email address');
      const zhDup = zh.rows[3]?.duplicates?.[0];
      expect(zhDup?.detail).toMatchObject({
        key: 'import.duplicate.visible',
        params: { name: '青岛瑞达信息技术有限公司', owner: '销售员乙' },
      });
      expect(zhDup?.message).toMatch(/^疑似与青岛瑞达信息技术有限公司重复（负责人：销售员乙）：/);
      // The detector's explanation is keyed too: Chinese clauses in zh-CN, English ones in en.
      const explained = (d: unknown) => (d as { explanation?: string } | undefined)?.explanation;
      expect(explained(zhDup)).toBe('名称相同（青岛瑞达信息技术有限公司）');
      expect(explained(en.rows[3]?.duplicates?.[0])).toBe('Same name (青岛瑞达信息技术有限公司)');
      expect(en.rows[3]?.duplicates?.[0]?.message).toMatch(
        /^This looks like 青岛瑞达信息技术有限公司 \(owner 销售员乙\): /,
      );

      const hidden = await checkNewAccount(w.crm.with({ locale: 'zh-CN' }), w.org.repA, {
        name: '青岛瑞达信息技术有限公司',
        kind: 'end_user',
      });
      expect(hidden[0]).toMatchObject({
        visible: false,
        message: '疑似与一个您无权查看的客户重复，负责人为销售员乙',
        detail: { key: 'import.duplicate.hiddenOwned', params: { noun: 'customer', owner: '销售员乙' } },
      });
    });
  });
}
