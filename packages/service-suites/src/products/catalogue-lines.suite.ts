import { type Crm, type CrmOptions, type CrmStorage, createCrm } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type ServiceWorld, type StorageFactory, storyLead } from '../support/harness.js';
import { expectCode } from '../support/service-expect.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** The same tenant seen through a service that holds lines to the catalogue. */
function catalogueCrm(w: ServiceWorld, catalogue: CrmOptions['catalogue']): Crm {
  return createCrm({
    storage: w.storage,
    tenant: w.crm.tenantId,
    clock: w.clock,
    timeZone: 'Asia/Shanghai',
    catalogue,
  });
}

/** What the change feed holds: every accepted command appends to it, a refused one must not. */
async function feedLength(crm: Crm): Promise<number> {
  return (await crm.events.since(crm.system, null, { limit: 1000 })).items.length;
}

/** Expects a VALIDATION refusal naming exactly these fields, with these words, that wrote nothing. */
async function expectRefusedUnchanged(
  crm: Crm,
  call: () => Promise<unknown>,
  fields: string[],
  says: RegExp,
): Promise<void> {
  const before = await feedLength(crm);
  const error = await expectCode(call(), 'VALIDATION');
  const issues = error.issues as { field: string; message: string }[];
  expect(issues.map((i) => i.field)).toEqual(fields);
  for (const issue of issues) expect(issue.message).toMatch(says);
  expect(await feedLength(crm)).toBe(before);
}

/**
 * The catalogue enforced (issue 12.4): with `catalogue: { skus: 'checked' }` every command that
 * takes a line refuses an unknown SKU (naming the line's field, with "did you mean") and a
 * discontinued one, writing nothing; a line marked `freeText: true` passes unless the service
 * refuses free text.
 */
export function describeCatalogueLines(makeStorage: StorageFactory): void {
  describe('service: lines held to the product catalogue', () => {
    let storage: CrmStorage | undefined;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(async () => {
      await storage?.close();
    });

    /** A tenant with LS2208 and SRV-R740 for sale and LS4208 retired, an account and a deal. */
    const world = async (catalogue: CrmOptions['catalogue'] = { skus: 'checked' }) => {
      if (!storage) throw new Error('storage not opened');
      // An empty catalogue (no story products): the test stocks its own.
      const w = await openWorld(storage, undefined, { skus: 'unchecked' });
      const crm = catalogueCrm(w, catalogue);
      const { manager, repA } = w.org;
      await crm.products.create(manager, {
        sku: 'LS2208',
        name: 'Symbol LS2208',
        category: 'laser_scanner',
        listPrice: cny(1080_00),
      });
      await crm.products.create(manager, { sku: 'SRV-R740', name: 'Dell R740', category: 'server' });
      await crm.products.create(manager, { sku: 'LS4208', name: 'Symbol LS4208', category: 'laser_scanner' });
      await crm.products.update(manager, 'LS4208', { active: false });
      const account = await crm.accounts.create(repA, { name: '山东恒通系统集成有限公司', kind: 'end_user' });
      const deal = await crm.opportunities.create(repA, {
        name: '恒通扫描枪',
        accountId: account.id,
        channel: 'key_account',
        lines: [{ sku: 'LS2208', quantity: 10, unitPrice: cny(1000_00) }],
      });
      return { ...w, crm, account, deal };
    };

    it('refuses an unknown SKU in every command that takes a line, naming the field, writing nothing', async () => {
      const { crm, org, account, deal } = await world();
      const rep = org.repA;
      const lead = await crm.leads.capture(rep, storyLead());
      const typo = /LS2209.*did you mean LS2208/;
      await expectRefusedUnchanged(
        crm,
        () =>
          crm.leads.capture(
            rep,
            storyLead({
              interests: [
                { sku: 'SRV-R740', quantity: 1 },
                { sku: 'LS2209', quantity: 5 },
              ],
            }),
          ),
        ['interests.1.sku'],
        typo,
      );
      await expectRefusedUnchanged(
        crm,
        () =>
          crm.leads.update(rep, lead.id, {
            interests: [{ sku: 'LS2209', quantity: 5 }],
            expectedVersion: lead.version,
          }),
        ['interests.0.sku'],
        typo,
      );
      await expectRefusedUnchanged(
        crm,
        () =>
          crm.leads.quote(rep, lead.id, {
            sku: 'LS2209',
            quantity: 5,
            unitPrice: cny(900_00),
            validUntil: '2026-03-31',
          }),
        ['sku'],
        typo,
      );
      await expectRefusedUnchanged(
        crm,
        () =>
          crm.opportunities.create(rep, {
            name: '新单',
            accountId: account.id,
            channel: 'key_account',
            lines: [
              { sku: 'LS2208', quantity: 1, unitPrice: cny(1000_00) },
              { sku: 'SRV-R740', quantity: 1, unitPrice: cny(1000_00) },
              { sku: 'LS2209', quantity: 1, unitPrice: cny(1000_00) },
            ],
          }),
        ['lines.2.sku'],
        typo,
      );
      await expectRefusedUnchanged(
        crm,
        () =>
          crm.opportunities.addLine(rep, deal.id, { sku: 'LS2209', quantity: 1, unitPrice: cny(1000_00) }),
        ['sku'],
        typo,
      );
      await expectRefusedUnchanged(
        crm,
        () =>
          crm.orders.createDirect(rep, {
            accountId: account.id,
            lines: [{ sku: 'LS2209', quantity: 1, unitPrice: cny(1000_00) }],
          }),
        ['lines.0.sku'],
        typo,
      );
      await expectRefusedUnchanged(
        crm,
        () =>
          crm.demoLoans.lend(rep, {
            sku: 'LS2209',
            serial: 'DEMO-1',
            accountId: account.id,
            dueBack: '2026-03-10',
          }),
        ['sku'],
        typo,
      );
      // Nothing close: no guess offered.
      await expectRefusedUnchanged(
        crm,
        () =>
          crm.demoLoans.lend(rep, {
            sku: 'QQQQQQQQ',
            serial: 'DEMO-1',
            accountId: account.id,
            dueBack: '2026-03-10',
          }),
        ['sku'],
        /^SKU QQQQQQQQ is not in the product catalogue$/,
      );
      expect((await crm.opportunities.get(rep, deal.id)).lines.map((l) => l.sku)).toEqual(['LS2208']);
    });

    it('refuses converting a lead whose product was discontinued since it was captured', async () => {
      const { crm, org } = await world();
      const lead = await crm.leads.capture(org.repA, storyLead());
      await crm.leads.qualify(org.repA, lead.id);
      await crm.products.update(org.manager, 'SRV-R740', { active: false });
      await expectRefusedUnchanged(
        crm,
        () => crm.leads.convert(org.repA, lead.id),
        ['interests.1.sku'],
        /SRV-R740 is discontinued/,
      );
      expect((await crm.leads.get(org.repA, lead.id)).status).toBe('qualified');
    });

    it('refuses a discontinued SKU, in English and in Chinese', async () => {
      const { crm, org, account, deal } = await world();
      await expectRefusedUnchanged(
        crm,
        () =>
          crm.opportunities.addLine(org.repA, deal.id, {
            sku: 'LS4208',
            quantity: 1,
            unitPrice: cny(1000_00),
          }),
        ['sku'],
        /^SKU LS4208 is discontinued$/,
      );
      const zh = await expectCode(
        crm.with({ locale: 'zh-CN' }).orders.createDirect(org.repA, {
          accountId: account.id,
          lines: [{ sku: 'LS4208', quantity: 1, unitPrice: cny(1000_00) }],
        }),
        'VALIDATION',
      );
      expect((zh.issues as { message: string }[])[0]?.message).toBe('SKU LS4208 已停产');
    });

    it('takes a line marked free text when allowed, stored as given', async () => {
      const { crm, org, account, deal } = await world({ skus: 'checked', freeTextLines: 'allowed' });
      const updated = await crm.opportunities.addLine(org.repA, deal.id, {
        sku: 'INSTALL',
        freeText: true,
        description: '现场安装调试',
        quantity: 1,
        unitPrice: cny(5000_00),
      });
      expect(updated.lines.at(-1)).toMatchObject({
        sku: 'INSTALL',
        description: '现场安装调试',
        category: null,
      });
      const lead = await crm.leads.capture(
        org.repA,
        storyLead({
          interests: [
            { sku: 'LS2208', quantity: 2 },
            { sku: 'TRAINING', freeText: true, quantity: 1 },
          ],
        }),
      );
      expect(lead.interests.map((i) => i.sku)).toEqual(['LS2208', 'TRAINING']);
      const order = await crm.orders.createDirect(org.repA, {
        accountId: account.id,
        lines: [{ sku: 'CABLE-5M', freeText: true, quantity: 3, unitPrice: cny(20_00) }],
      });
      expect(order.lines.map((l) => l.sku)).toEqual(['CABLE-5M']);
    });

    it('refuses a line marked free text when the service refuses free text, writing nothing', async () => {
      const { crm, org, deal } = await world({ skus: 'checked', freeTextLines: 'refused' });
      await expectRefusedUnchanged(
        crm,
        () =>
          crm.opportunities.addLine(org.repA, deal.id, {
            sku: 'INSTALL',
            freeText: true,
            quantity: 1,
            unitPrice: cny(5000_00),
          }),
        ['freeText'],
        /free-text lines are not allowed/,
      );
      await expectRefusedUnchanged(
        crm,
        () =>
          crm.leads.capture(
            org.repA,
            storyLead({
              interests: [
                { sku: 'LS2208', quantity: 2 },
                { sku: 'TRAINING', freeText: true, quantity: 1 },
              ],
            }),
          ),
        ['interests.1.freeText'],
        /free-text lines are not allowed/,
      );
    });

    it('holds lines to the catalogue by default; an app opts out with skus: unchecked', async () => {
      const byDefault = await world(undefined);
      const rep = byDefault.org.repA;
      await expectRefusedUnchanged(
        byDefault.crm,
        () => byDefault.crm.leads.capture(rep, storyLead({ interests: [{ sku: 'LS2209', quantity: 5 }] })),
        ['interests.0.sku'],
        /LS2209.*did you mean LS2208/,
      );
      const optedOut = catalogueCrm(byDefault, { skus: 'unchecked' });
      const lead = await optedOut.leads.capture(
        rep,
        storyLead({ interests: [{ sku: 'LS2209', quantity: 5 }] }),
      );
      expect(lead.interests.map((i) => i.sku)).toEqual(['LS2209']);
    });

    it('a product retired or stocked through another service is seen by the next command of this one', async () => {
      const { crm, org, storage: shared, clock } = await world();
      const rep = org.repA;
      // This service remembers LS2208 as sold; another (another app server) retires it.
      await crm.leads.capture(rep, storyLead({ interests: [{ sku: 'LS2208', quantity: 5 }] }));
      const elsewhere = createCrm({
        storage: shared,
        tenant: crm.tenantId,
        clock,
        timeZone: 'Asia/Shanghai',
      });
      await elsewhere.products.update(org.manager, 'LS2208', { active: false });
      await expectRefusedUnchanged(
        crm,
        () => crm.leads.capture(rep, storyLead({ interests: [{ sku: 'LS2208', quantity: 5 }] })),
        ['interests.0.sku'],
        /LS2208/,
      );
      // A SKU found missing here is sold as soon as it is stocked there.
      await expectRefusedUnchanged(
        crm,
        () => crm.leads.capture(rep, storyLead({ interests: [{ sku: 'LS9208', quantity: 5 }] })),
        ['interests.0.sku'],
        /LS9208/,
      );
      await elsewhere.products.create(org.manager, {
        sku: 'LS9208',
        name: 'LS9208',
        category: 'laser_scanner',
      });
      const lead = await crm.leads.capture(rep, storyLead({ interests: [{ sku: 'LS9208', quantity: 5 }] }));
      expect(lead.interests.map((i) => i.sku)).toEqual(['LS9208']);
    });

    it('refuses an unknown catalogue mode when the service is created', () => {
      const w = { storage, crm: { tenantId: 'tx' }, clock: undefined } as unknown as ServiceWorld;
      expect(() => catalogueCrm(w, { skus: 'strict' as 'checked' })).toThrow(/catalogue\.skus/);
    });
  });
}
