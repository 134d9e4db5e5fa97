import { isCrmError } from '@gongfu/core';
import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx, rawRows, rejectionOf } from './conformance-it.js';
import { minutesAfterBase } from './fixtures.js';
import { buildQuote } from './fixtures-work.js';
import { CONFORMANCE_TABLES, type SuiteState } from './harness.js';

/** The append-only quote ledger: newest-first lists by lead, opportunity, account and sku; linkLead. */
export function registerQuotes(state: SuiteState): void {
  describe('quote ledger', () => {
    conformanceIt(
      state,
      'quotes.list',
      'list is newest first, filtered by lead/opportunity/account/sku, limited',
      async () => {
        const tenantId = await freshTenant(state);
        const q = (minute: number, o: Parameters<typeof buildQuote>[1]) =>
          buildQuote(tenantId, { quotedBy: 'u1', quotedAt: minutesAfterBase(minute), ...o });
        const q1 = q(1, { leadId: 'l1', sku: 'SKU-A' });
        const q2 = q(2, { leadId: 'l1', sku: 'SKU-B', note: '含税' });
        const q3 = q(3, { leadId: 'l1', sku: 'SKU-A', unitPrice: { amount: 99_900, currency: 'CNY' } });
        const q4 = q(4, { opportunityId: 'o1', accountId: 'a1', sku: 'SKU-A' });
        const q5 = q(5, { accountId: 'a1', sku: 'SKU-C' });
        await inTx(state, tenantId, async (tx) => {
          for (const entry of [q2, q4, q1, q5, q3]) await tx.quotes.append(entry);
        });
        await inTx(state, tenantId, async (tx) => {
          expect(await tx.quotes.list({ leadId: 'l1' }, 10)).toEqual([q3, q2, q1]);
          expect(await tx.quotes.list({ leadId: 'l1' }, 2)).toEqual([q3, q2]);
          expect(await tx.quotes.list({ leadId: 'l1', sku: 'SKU-A' }, 10)).toEqual([q3, q1]);
          expect(await tx.quotes.list({ opportunityId: 'o1' }, 10)).toEqual([q4]);
          expect(await tx.quotes.list({ accountId: 'a1' }, 10)).toEqual([q5, q4]);
          expect(await tx.quotes.list({ sku: 'SKU-A' }, 10)).toEqual([q4, q3, q1]);
          expect(await tx.quotes.list({ leadId: 'l-none' }, 10)).toEqual([]);
        });
        expect(await rawRows(state, CONFORMANCE_TABLES.quotes, tenantId)).toHaveLength(5);
      },
    );

    conformanceIt(
      state,
      'quotes.same-instant',
      'quotes given in the same millisecond come back in the order they were appended, newest first',
      async () => {
        const tenantId = await freshTenant(state);
        const at = minutesAfterBase(3);
        // Ids that sort the wrong way as text (q9 > q10), so only the append order can be right.
        const ids = Array.from({ length: 12 }, (_, i) => `q${i + 1}`);
        await inTx(state, tenantId, async (tx) => {
          for (const id of ids)
            await tx.quotes.append(buildQuote(tenantId, { id, leadId: 'l1', quotedBy: 'u1', quotedAt: at }));
        });
        const listed = await inTx(state, tenantId, (tx) => tx.quotes.list({ leadId: 'l1' }, 20));
        expect(listed.map((e) => e.id)).toEqual([...ids].reverse());
        const [last] = await inTx(state, tenantId, (tx) => tx.quotes.list({ leadId: 'l1' }, 1));
        expect(last?.id).toBe('q12');
      },
    );

    conformanceIt(
      state,
      'quotes.link-lead',
      'linkLead re-points a lead’s entries and keeps every one',
      async () => {
        const tenantId = await freshTenant(state);
        const q1 = buildQuote(tenantId, { leadId: 'l1', quotedBy: 'u1', quotedAt: minutesAfterBase(1) });
        const q2 = buildQuote(tenantId, {
          leadId: 'l1',
          quotedBy: 'u1',
          quotedAt: minutesAfterBase(2),
          sku: 'SKU-B',
        });
        const other = buildQuote(tenantId, { leadId: 'l2', quotedBy: 'u1', quotedAt: minutesAfterBase(3) });
        await inTx(state, tenantId, async (tx) => {
          for (const entry of [q1, q2, other]) await tx.quotes.append(entry);
        });
        const moved = await inTx(state, tenantId, (tx) =>
          tx.quotes.linkLead('l1', { opportunityId: 'o9', accountId: 'a9' }),
        );
        expect(moved).toBe(2);
        const linked = [q2, q1].map((e) => ({ ...e, opportunityId: 'o9', accountId: 'a9' }));
        await inTx(state, tenantId, async (tx) => {
          expect(await tx.quotes.list({ opportunityId: 'o9' }, 10)).toEqual(linked);
          expect(await tx.quotes.list({ accountId: 'a9' }, 10)).toEqual(linked);
          expect(await tx.quotes.list({ leadId: 'l1' }, 10)).toEqual(linked);
          expect(await tx.quotes.list({ leadId: 'l2' }, 10)).toEqual([other]);
        });
        expect(await rawRows(state, CONFORMANCE_TABLES.quotes, tenantId)).toHaveLength(3);
      },
    );

    conformanceIt(
      state,
      'quotes.append-only',
      'appending an existing id → ConflictError; the entry is not overwritten',
      async () => {
        const tenantId = await freshTenant(state);
        const entry = buildQuote(tenantId, { leadId: 'l1', quotedBy: 'u1' });
        await inTx(state, tenantId, (tx) => tx.quotes.append(entry));
        const changed = { ...entry, unitPrice: { amount: 1, currency: 'CNY' } };
        const error = await rejectionOf(inTx(state, tenantId, (tx) => tx.quotes.append(changed)));
        expect(isCrmError(error, 'CONFLICT'), String(error)).toBe(true);
        expect(await inTx(state, tenantId, (tx) => tx.quotes.list({ leadId: 'l1' }, 10))).toEqual([entry]);
      },
    );
  });
}
