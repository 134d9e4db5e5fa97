import type { CrmStorage } from '@gongfu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, type StorageFactory, storyLead } from '../support/harness.js';
import { expectCode, expectInvalidField } from '../support/service-expect.js';
import { registerCalendarZoneCases } from './calendar-zones.cases.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** Issue 18: each finding of the outside fuzzer as a named case, through the public API. */
export function describeHostileInput(makeStorage: StorageFactory): void {
  describe('service: hostile input (issue 18)', () => {
    let storage: CrmStorage;
    const world = () => openWorld(storage);
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(async () => {
      await storage.close();
    });

    it('1. a calendar before the accepted range is refused at once instead of looping', async () => {
      const w = await world();
      await expectInvalidField(
        w.crm.activities.calendar(w.org.repA, { view: 'day', date: '1900-12-31' }),
        'date',
      );
      await expectInvalidField(
        w.crm.activities.calendar(w.org.repA, {
          view: 'month',
          date: '1800-06-15',
          timeZone: 'Europe/Berlin',
        }),
        'date',
      );
      // The week of 1970-01-01 starts on Monday 1969-12-29, outside the range: refused, not partly shown.
      await expectInvalidField(
        w.crm.activities.calendar(w.org.repA, { view: 'week', date: '1970-01-01' }),
        'date',
      );
      const first = await w.crm.activities.calendar(w.org.repA, { view: 'day', date: '1970-01-01' });
      expect(first.days.map((d) => d.date)).toEqual(['1970-01-01']);
    });

    it('1. the week of the last accepted day never lists a day of year 10000 or 2200', async () => {
      const w = await world();
      await expectInvalidField(
        w.crm.activities.calendar(w.org.repA, { view: 'week', date: '9999-12-31' }),
        'date',
      );
      // 2199-12-31 is a Tuesday: its week runs into 2200 and is refused as a whole.
      await expectInvalidField(
        w.crm.activities.calendar(w.org.repA, { view: 'week', date: '2199-12-31' }),
        'date',
      );
      const month = await w.crm.activities.calendar(w.org.repA, { view: 'month', date: '2199-12-31' });
      expect(month.days.at(-1)?.date).toBe('2199-12-31');
      expect(month.days).toHaveLength(31);
    });

    it('2. a null or undefined actor is a ValidationError naming the actor, from every kind of command', async () => {
      const w = await world();
      for (const actor of [null, undefined, {}, { id: 42 }, Symbol('x')] as unknown as string[]) {
        await expectInvalidField(w.crm.leads.capture(actor, storyLead()), 'actor');
        await expectInvalidField(w.crm.leads.list(actor), 'actor');
        await expectInvalidField(w.crm.costs.total(actor), 'actor');
        await expectInvalidField(w.crm.reminders.due(actor), 'actor');
      }
    });

    it('2. stageInfo with a bogus or prototype channel is a typed error', async () => {
      const w = await world();
      for (const channel of ['bogus', '__proto__', 'constructor', 'toString']) {
        let thrown: unknown = null;
        try {
          w.crm.opportunities.stageInfo(channel as 'key_account', 'won');
        } catch (e) {
          thrown = e;
        }
        expect((thrown as { code?: string } | null)?.code).toBe('VALIDATION');
      }
      expect(w.crm.opportunities.stageInfo('key_account', 'won')?.probability).toBe(100);
    });

    it('2. a Date out of range is a ValidationError naming the field, never a RangeError or a stored +275760', async () => {
      const w = await world();
      const { repA } = w.org;
      for (const bad of [
        new Date(8.64e15),
        new Date(-8.64e15),
        new Date(Number.NaN),
        new Date('1969-12-31T23:59:59Z'),
      ]) {
        await expectInvalidField(w.crm.leads.capture(repA, storyLead({ receivedAt: bad })), 'receivedAt');
        await expectInvalidField(
          w.crm.activities.schedule(repA, { kind: 'visit', subject: 'x', startAt: bad }),
          'startAt',
        );
      }
      const lead = await w.crm.leads.capture(repA, storyLead());
      await expectInvalidField(
        w.crm.leads.logContact(repA, lead.id, {
          kind: 'call',
          at: new Date(8.64e15),
          outcome: 'reached',
        } as never),
        'at',
      );
    });

    it('2. two valid 5e15 costs give a typed refusal of their total, not a RangeError or STORAGE', async () => {
      const w = await world();
      const { repA } = w.org;
      const lead = await w.crm.leads.capture(repA, storyLead());
      for (let i = 0; i < 2; i++) {
        await w.crm.costs.record(repA, {
          category: 'travel',
          amount: cny(5e15),
          incurredOn: '2026-03-02',
          leadId: lead.id,
        });
      }
      await expectCode(w.crm.costs.total(repA), 'VALIDATION');
    });

    it('2. a Symbol anywhere in the arguments is a ValidationError', async () => {
      const w = await world();
      const { repA } = w.org;
      const lead = await w.crm.leads.capture(repA, storyLead());
      await w.crm.leads.qualify(repA, lead.id);
      const { opportunity, account } = await w.crm.leads.convert(repA, lead.id);
      const sym = Symbol('x') as unknown as string;
      await expectCode(w.crm.opportunities.removeTeamMember(repA, opportunity.id, sym), 'VALIDATION');
      await expectCode(w.crm.opportunities.removeLine(repA, opportunity.id, sym), 'VALIDATION');
      await expectCode(w.crm.accounts.removeTeamMember(repA, account.id, sym), 'VALIDATION');
      await expectInvalidField(w.crm.leads.update(repA, lead.id, { company: sym }), 'company');
    });

    it('2. malformed product list and update arguments are VALIDATION, never STORAGE', async () => {
      const w = await world();
      const { manager } = w.org;
      await expectCode(
        w.crm.products.list(manager, { category: [['laser_scanner']] as unknown as string[] }),
        'VALIDATION',
      );
      await expectInvalidField(w.crm.products.update(manager, {} as unknown as string, { name: 'x' }), 'sku');
      await expectInvalidField(w.crm.products.get(manager, 7 as unknown as string), 'sku');
    });

    it('3. a lone surrogate is refused everywhere with one rule, so nothing is stored altered', async () => {
      const w = await world();
      const { repA } = w.org;
      const lead = await w.crm.leads.capture(repA, storyLead());
      const quote = { sku: 'LS2208', quantity: 1, unitPrice: cny(100), validUntil: '2026-04-01' };
      await expectInvalidField(w.crm.leads.quote(repA, lead.id, { ...quote, note: 'x\uD800y' }), 'note');
      await expectInvalidField(w.crm.leads.capture(repA, storyLead({ company: 'A\uDC00' })), 'company');
      await expectInvalidField(
        w.crm.leads.capture(repA, storyLead({ contact: { name: '\uD83D王工' } })),
        'contact.name',
      );
      // A well-formed pair (an emoji) is text like any other and round-trips verbatim.
      await w.crm.leads.quote(repA, lead.id, { ...quote, note: 'ok 😀 好' });
      expect((await w.crm.leads.quotes(repA, lead.id)).map((q) => q.note)).toEqual(['ok 😀 好']);
    });

    it('4. impossible calendar dates and times are refused, never rolled over', async () => {
      const w = await world();
      const { repA } = w.org;
      for (const receivedAt of [
        '2026-02-30T09:00:00Z',
        '2026-03-02T24:00:00Z',
        '2026-13-01T09:00:00Z',
        '2026-03-02T09:60:00Z',
        '2026-03-02T09:00:00+15:00',
        '9999-12-31T23:59:59Z',
        '1969-12-31T23:59:59Z',
      ]) {
        await expectInvalidField(w.crm.leads.capture(repA, storyLead({ receivedAt })), 'receivedAt');
      }
      const lead = await w.crm.leads.capture(
        repA,
        storyLead({ receivedAt: '2199-12-01T15:59:59.999+08:00' }),
      );
      expect(lead.receivedAt).toBe('2199-12-01T07:59:59.999Z');
    });

    it('4. a derived reminder or warranty end past the range refuses the command; nothing is stored', async () => {
      const w = await world();
      const { repA } = w.org;
      // The follow-up reminder of a lead received at the last instant would fall in 2200.
      await expectCode(
        w.crm.leads.capture(repA, storyLead({ receivedAt: '2199-12-31T23:59:59Z' })),
        'VALIDATION',
      );
      expect((await w.crm.leads.list(repA)).items).toHaveLength(0);
    });

    it('4. a line priced at MAX_SAFE_INTEGER × 2 is refused at the line, not stored as a 6.7e17 deal', async () => {
      const w = await world();
      const { repA } = w.org;
      const lead = await w.crm.leads.capture(repA, storyLead());
      await w.crm.leads.qualify(repA, lead.id);
      const { opportunity } = await w.crm.leads.convert(repA, lead.id);
      await expectInvalidField(
        w.crm.opportunities.addLine(repA, opportunity.id, {
          sku: 'LS2208',
          quantity: 75,
          unitPrice: cny(Number.MAX_SAFE_INTEGER),
        }),
        'unitPrice.amount',
      );
      const again = await w.crm.opportunities.get(repA, opportunity.id);
      expect(Number.isSafeInteger(again.amount.amount)).toBe(true);
      expect(again.version).toBe(opportunity.version);
    });

    it('strict input: an unknown key is refused by its path, with the key it likely meant (issue 12.3)', async () => {
      const w = await world();
      const { repA } = w.org;
      const typo = await expectCode(
        w.crm.leads.capture(repA, storyLead({ contact: { name: '王工', phoneNumber: '0531-8888 0000' } })),
        'VALIDATION',
      );
      expect(typo.issues).toEqual([
        {
          field: 'contact.phoneNumber',
          message: "unknown key 'phoneNumber' — did you mean 'phone'?",
          detail: { key: 'input.unknownKeyDidYouMean', params: { key: 'phoneNumber', guess: 'phone' } },
        },
      ]);
      expect((await w.crm.leads.list(repA)).items).toHaveLength(0);
      const lead = await w.crm.leads.capture(repA, storyLead());
      await w.crm.leads.qualify(repA, lead.id);
      const qualified = await w.crm.leads.get(repA, lead.id);
      const update = await expectCode(
        w.crm.leads.convert(repA, lead.id, { requiredDeliveryDate: '2026-06-30' } as never),
        'VALIDATION',
      );
      expect(update.issues).toEqual([
        {
          field: 'requiredDeliveryDate',
          message: "unknown key 'requiredDeliveryDate' — did you mean 'requiredDelivery'?",
          detail: {
            key: 'input.unknownKeyDidYouMean',
            params: { key: 'requiredDeliveryDate', guess: 'requiredDelivery' },
          },
        },
      ]);
      await expectInvalidField(
        w.crm.leads.capture(repA, storyLead({ interests: [{ sku: 'LS2208', quantity: 1, colour: 'red' }] })),
        'interests.0.colour',
      );
      await expectInvalidField(w.crm.leads.list(repA, { __proto__x: 1 } as never), '__proto__x');
      expect(await w.crm.leads.get(repA, lead.id)).toEqual(qualified);
    });

    it('catalogue (issue 12.4): conversion prices an unquoted line at the list price; RMB is refused', async () => {
      const w = await world();
      const { repA, manager } = w.org;
      await w.crm.products.update(manager, 'LS2208', { listPrice: cny(1080_00) });
      const lead = await w.crm.leads.capture(repA, storyLead());
      await w.crm.leads.qualify(repA, lead.id);
      await w.crm.leads.quote(repA, lead.id, {
        sku: 'SRV-R740',
        quantity: 1,
        unitPrice: cny(45_000_00),
        validUntil: '2026-04-01',
      });
      const { opportunity } = await w.crm.leads.convert(repA, lead.id);
      expect(opportunity.lines.map((l) => [l.sku, l.unitPrice.amount])).toEqual([
        ['LS2208', 1080_00],
        ['SRV-R740', 45_000_00],
      ]);
      expect(opportunity.amount).toEqual(cny(200 * 1080_00 + 45_000_00));
      await expectInvalidField(
        w.crm.products.create(manager, {
          sku: 'X1',
          name: 'x',
          category: 'x',
          listPrice: { amount: 1, currency: 'RMB' },
        }),
        'listPrice.currency',
      );
    });

    registerCalendarZoneCases(world);
  });
}
