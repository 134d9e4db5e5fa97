import {
  type CrmStorage,
  type CustomFieldDeclarations,
  createCrm,
  createTenantAdmin,
  exportToString,
  isCrmError,
  type ValidationError,
} from '@gongfu/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openWorld, type ServiceWorld, type StorageFactory, storyLead } from '../support/harness.js';
import { declarations, fieldSetArb, valuesArb } from './custom-field-arbitraries.js';

/** Generated runs per property; CI keeps it small, `GONGFU_CUSTOM_FIELD_RUNS=200` digs deeper. */
const RUNS = Number(process.env.GONGFU_CUSTOM_FIELD_RUNS ?? 6);

/** The custom values of any record, as plain data (the suite declares fields at run time). */
const customOf = (record: { custom?: unknown }) => record.custom as Record<string, unknown>;

/** A service over the world's tenant with the given field declarations (fresh ids, same clock). */
function withFields(w: ServiceWorld, fields: CustomFieldDeclarations, tenant = w.crm.tenantId) {
  return createCrm({ storage: w.storage, tenant, clock: w.clock, timeZone: 'Asia/Shanghai', fields });
}

async function validationFields(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    if (isCrmError(e, 'VALIDATION')) return (e as ValidationError).issues.map((i) => i.field);
    throw e;
  }
  throw new Error('expected a ValidationError');
}

export function describeCustomFields(makeStorage: StorageFactory): void {
  describe('custom fields (service)', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    it('generated field sets round-trip through create, get, update, list filters, history and export/import', async () => {
      await fc.assert(
        fc.asyncProperty(
          fieldSetArb.chain((fields) => fc.tuple(fc.constant(fields), valuesArb(fields))),
          async ([fields, values]) => {
            const w = await openWorld(storage);
            const decl = declarations(fields);
            const crm = withFields(w, { account: decl, opportunity: decl });
            const rep = w.org.repA;

            const account = await crm.accounts.create(rep, {
              name: '潍坊港',
              kind: 'end_user',
              custom: values.create,
            });
            expect(customOf(account)).toEqual(values.create);
            const deal = await crm.opportunities.create(rep, {
              name: '码头手持终端',
              accountId: account.id,
              channel: 'key_account',
              custom: values.create,
            });
            expect(customOf(await crm.opportunities.get(rep, deal.id))).toEqual(values.create);

            const updated = await crm.opportunities.update(rep, deal.id, { custom: values.patch });
            const merged = { ...values.create, ...values.patch };
            expect(customOf(updated)).toEqual(merged);
            const updatedAccount = await crm.accounts.update(rep, account.id, { custom: values.patch });
            expect(customOf(updatedAccount)).toEqual(merged);

            // Lists: equality on every field, and a range around every ordered one, find the deal;
            // a value it does not have does not.
            for (const f of fields) {
              const v = merged[f.name] as string | number | boolean;
              const byValue = await crm.opportunities.list(rep, { custom: { [f.name]: v } });
              expect(byValue.items.map((o) => o.id)).toEqual([deal.id]);
              const accounts = await crm.accounts.list(rep, { custom: { [f.name]: v } });
              expect(accounts.items.map((a) => a.id)).toEqual([account.id]);
              if (f.type === 'int') {
                const n = v as number;
                const inside = await crm.opportunities.list(rep, {
                  custom: { [f.name]: { from: n, to: n + 1 } },
                });
                expect(inside.items.map((o) => o.id)).toEqual([deal.id]);
                const above = await crm.opportunities.list(rep, { custom: { [f.name]: { from: n + 1 } } });
                expect(above.items).toEqual([]);
                const below = await crm.opportunities.list(rep, { custom: { [f.name]: { to: n } } });
                expect(below.items).toEqual([]);
              }
              if (f.type === 'flag') {
                const other = await crm.opportunities.list(rep, { custom: { [f.name]: !(v as boolean) } });
                expect(other.items).toEqual([]);
              }
            }

            // History names each custom field that changed, with both values.
            const events = await crm.history.forRecord(rep, 'opportunity', deal.id);
            const update = events.find((e) => e.event === 'opportunity.updated');
            const changed = Object.keys(values.patch).filter((k) => values.patch[k] !== values.create[k]);
            expect(Object.keys(update?.changes ?? {}).sort()).toEqual(
              changed.map((k) => `custom.${k}`).sort(),
            );
            for (const k of changed)
              expect(update?.changes[`custom.${k}`]).toEqual({ from: values.create[k], to: values.patch[k] });

            // Export, import under another id, read back through the service there.
            const admin = createTenantAdmin(storage);
            const copy = `${w.crm.tenantId}c`;
            await admin.import(await exportToString(admin.export(w.crm.tenantId)), { id: copy });
            const there = withFields(w, { account: decl, opportunity: decl }, copy);
            expect(customOf(await there.opportunities.get(rep, deal.id))).toEqual(merged);
            expect(customOf(await there.accounts.get(rep, account.id))).toEqual(merged);
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('a wrong value or an undeclared field is a ValidationError naming custom.<field>, and writes nothing', async () => {
      await fc.assert(
        fc.asyncProperty(fieldSetArb, async (fields) => {
          const w = await openWorld(storage);
          const crm = withFields(w, { lead: declarations(fields) });
          const rep = w.org.repA;
          const [first] = fields;
          if (first === undefined) return;
          expect(
            await validationFields(
              crm.leads.capture(rep, storyLead({ custom: { [first.name]: first.invalid } })),
            ),
          ).toEqual([`custom.${first.name}`]);
          expect(
            await validationFields(crm.leads.capture(rep, storyLead({ custom: { zzUnknown: 1 } }))),
          ).toEqual(['custom.zzUnknown']);
          expect((await crm.leads.list(rep)).items).toEqual([]);
          const lead = await crm.leads.capture(rep, storyLead());
          expect(customOf(lead)).toEqual({});
          expect(
            await validationFields(
              crm.leads.update(rep, lead.id, { custom: { [first.name]: first.invalid } }),
            ),
          ).toEqual([`custom.${first.name}`]);
          expect((await crm.leads.get(rep, lead.id)).version).toBe(1);
          expect(await validationFields(crm.leads.list(rep, { custom: { zzUnknown: 1 } }))).toEqual([
            'custom.zzUnknown',
          ]);
        }),
        { numRuns: RUNS },
      );
    });

    it('a field declared later reads as absent on old records; a removed field is ignored, then dropped on the next write', async () => {
      // An empty catalogue: the test lists it.
      const w = await openWorld(storage, undefined, { skus: 'unchecked' });
      const rep = w.org.repA;
      const v1 = withFields(w, { product: {} });
      const admin = w.org.admin;
      const before = await v1.products.create(admin, { sku: 'DS2208', name: '扫描枪', category: 'scanner' });
      const v2 = withFields(w, { product: { warrantyYears: z.number().int().min(1) } });
      expect(customOf(await v2.products.get(rep, 'DS2208'))).toEqual({});
      const set = await v2.products.update(admin, before.sku, { custom: { warrantyYears: 3 } });
      expect(customOf(set)).toEqual({ warrantyYears: 3 });
      const v3 = withFields(w, { product: { origin: z.enum(['cn', 'us']) } });
      expect((await v3.products.list(rep)).items.map((p) => p.sku)).toEqual(['DS2208']);
      const next = await v3.products.update(admin, before.sku, { custom: { origin: 'cn' } });
      expect(customOf(next)).toEqual({ origin: 'cn' });
      const cleared = await v3.products.update(admin, before.sku, { custom: { origin: null } });
      expect(customOf(cleared)).toEqual({});
    });

    it('every record kind takes custom values when it is created', async () => {
      const w = await openWorld(storage);
      const rep = w.org.repA;
      const tag = { tag: z.string() };
      const crm = withFields(w, {
        account: tag,
        contact: tag,
        lead: tag,
        opportunity: tag,
        order: tag,
        activity: tag,
        product: tag,
        serviceCase: tag,
      });
      const account = await crm.accounts.create(rep, {
        name: '烟台港',
        kind: 'dealer',
        custom: { tag: 'a' },
      });
      const contact = await crm.contacts.create(rep, {
        accountId: account.id,
        name: '孙工',
        custom: { tag: 'c' },
      });
      const lead = await crm.leads.capture(rep, storyLead({ custom: { tag: 'l' } }));
      const deal = await crm.opportunities.create(rep, {
        name: '仓库',
        accountId: account.id,
        channel: 'key_account',
        custom: { tag: 'o' },
      });
      const order = await crm.orders.createDirect(rep, {
        accountId: account.id,
        lines: [{ sku: 'DS2208', quantity: 1, unitPrice: { amount: 100, currency: 'CNY' } }],
        custom: { tag: 'r' },
      });
      const visit = await crm.activities.schedule(rep, {
        kind: 'visit',
        subject: '拜访',
        startAt: '2026-03-09T02:00:00Z',
        accountId: account.id,
        custom: { tag: 'v' },
      });
      const product = await crm.products.create(w.org.admin, {
        sku: 'MC9300',
        name: '手持终端',
        category: 'mobile',
        custom: { tag: 'p' },
      });
      expect([account, contact, lead, deal, order, visit, product].map((r) => customOf(r).tag)).toEqual([
        'a',
        'c',
        'l',
        'o',
        'r',
        'v',
        'p',
      ]);
      expect(
        (await crm.contacts.list(rep, { accountId: account.id, custom: { tag: 'c' } })).items,
      ).toHaveLength(1);
      expect((await crm.orders.list(rep, { custom: { tag: 'r' } })).items.map((o) => o.id)).toEqual([
        order.id,
      ]);
      expect((await crm.activities.list(rep, { custom: { tag: 'v' } })).items.map((a) => a.id)).toEqual([
        visit.id,
      ]);
      expect((await crm.leads.list(rep, { custom: { tag: 'x' } })).items).toEqual([]);
    });

    it('declarations are checked when the service is created', () => {
      const bad = (fields: unknown) => () =>
        createCrm({ storage, fields: fields as CustomFieldDeclarations, timeZone: 'Asia/Shanghai' });
      expect(bad({ deal: { x: z.string() } })).toThrow(/fields\.deal/);
      expect(bad({ lead: { 'x; drop table': z.string() } })).toThrow(/fields\.lead/);
      expect(bad({ lead: { x: 'string' } })).toThrow(/zod schema/);
    });
  });
}
