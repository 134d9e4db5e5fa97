import type { StorageTx } from '@gongfu/core';
import { isCrmError } from '@gongfu/core';
import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx, rawRows, rejectionOf } from './conformance-it.js';
import { buildMerge, minutesAfterBase } from './fixtures.js';
import { buildLead } from './fixtures-deals.js';
import { buildReminder } from './fixtures-work.js';
import { CONFORMANCE_TABLES, rawNumber, type SuiteState } from './harness.js';
import { seedTenant } from './seed-tenant.js';

const FAR_FUTURE = '2099-01-01T00:00:00.000Z';

/** A transaction bound to tenant A never reads or writes tenant B's rows, even by B's exact ids. */
export function registerIsolation(state: SuiteState): void {
  describe('tenant isolation', () => {
    conformanceIt(
      state,
      'isolation.reads',
      "A's handle sees only A's rows in every store, even by B's ids",
      async () => {
        const a = await seedTenant(
          state,
          await freshTenant(state),
          `a${Math.random().toString(36).slice(2, 8)}`,
        );
        const b = await seedTenant(
          state,
          await freshTenant(state),
          `b${Math.random().toString(36).slice(2, 8)}`,
        );
        await inTx(state, a.tenantId, async (tx) => {
          for (const [i, kind] of b.kinds.entries()) {
            const own = a.kinds[i]?.id;
            const view = await kind.view(tx, [kind.id, own ?? '']);
            expect(view, kind.name).toEqual({ got: null, many: [own], listed: [own], counted: 1 });
          }
          expect(await tx.teams.members(b.teamKey)).toEqual([]);
          expect((await tx.teams.membersOfMany([b.teamKey])).get(b.teamKey) ?? []).toEqual([]);
          expect(await tx.teams.keysOfMember(b.member)).toEqual([]);
          expect(await tx.quotes.list({ leadId: b.leadId }, 10)).toEqual([]);
          expect((await tx.quotes.list({ sku: 'SKU-SEED' }, 10)).map((q) => q.leadId)).toEqual([a.leadId]);
          expect(await tx.history.forEntity('lead', b.leadId)).toEqual([]);
          expect(await tx.history.byActors([b.actor], {}, 10)).toEqual([]);
          expect(await tx.reminders.get(b.reminderId)).toBeNull();
          expect(await tx.reminders.forSubject('lead', b.leadId)).toEqual([]);
          expect(await tx.reminders.due([b.member], FAR_FUTURE, 10)).toEqual([]);
          expect((await tx.reminders.escalationsDue(FAR_FUTURE, 10)).map((r) => r.id)).toEqual([
            a.escalatingReminderId,
          ]);
          expect(await tx.merges.get(b.mergeId)).toBeNull();
        });
        await state.ctx.storage.read({ tenantId: a.tenantId }, async (tx) => {
          expect(await tx.leads.count(undefined, { kind: 'all' })).toBe(1);
          expect(await tx.reminders.get(b.reminderId)).toBeNull();
        });
      },
    );

    conformanceIt(
      state,
      'isolation.writes',
      "A's handle cannot change B's rows, even by B's exact ids",
      async () => {
        const a = await freshTenant(state);
        const b = await seedTenant(
          state,
          await freshTenant(state),
          `w${Math.random().toString(36).slice(2, 8)}`,
        );
        const leadId = b.kinds.find((k) => k.name === 'leads')?.id ?? '';
        const asA = (fn: (tx: StorageTx) => Promise<void>) => rejectionOf(inTx(state, a, fn));
        const leadError = await asA((tx) => tx.leads.update({ ...buildLead(a), id: leadId, version: 2 }, 1));
        expect(isCrmError(leadError, 'CONCURRENCY') && leadError.actual).toBeNull();
        const reminderError = await asA((tx) =>
          tx.reminders.update(buildReminder(a, { id: b.reminderId, version: 2 }), 1),
        );
        expect(isCrmError(reminderError, 'CONCURRENCY'), String(reminderError)).toBe(true);
        const mergeError = await asA((tx) => tx.merges.update(buildMerge({ id: b.mergeId, version: 2 }), 1));
        expect(isCrmError(mergeError, 'CONCURRENCY'), String(mergeError)).toBe(true);
        const linked = await inTx(state, a, async (tx) => {
          await tx.reminders.remove([b.reminderId]);
          await tx.teams.replace(b.teamKey, []);
          return tx.quotes.linkLead(b.leadId, { opportunityId: 'o-a', accountId: 'a-a' });
        });
        expect(linked).toBe(0);
        expect(
          rawNumber(
            (await rawRows(state, CONFORMANCE_TABLES.leads, b.tenantId, { id: leadId }))[0],
            'version',
          ),
        ).toBe(1);
        await inTx(state, b.tenantId, async (tx) => {
          expect(await tx.reminders.get(b.reminderId)).not.toBeNull();
          expect(await tx.teams.members(b.teamKey)).toHaveLength(1);
          expect((await tx.quotes.list({ leadId: b.leadId }, 10)).map((q) => q.opportunityId)).toEqual([
            null,
          ]);
        });
      },
    );

    conformanceIt(
      state,
      'isolation.same-ids',
      'the same id can live in two tenants; each sees its own',
      async () => {
        const a = await freshTenant(state);
        const b = await freshTenant(state);
        const leadA = buildLead(a, { ownerId: 'u1', company: 'A Co' });
        const leadB = { ...buildLead(b, { ownerId: 'u1', company: 'B Co' }), id: leadA.id };
        const remA = buildReminder(a, { userId: 'u1', dueAt: minutesAfterBase(-1) });
        const remB = { ...buildReminder(b, { userId: 'u1', dueAt: minutesAfterBase(-1) }), id: remA.id };
        await inTx(state, a, async (tx) => {
          await tx.leads.insert(leadA);
          await tx.reminders.insert(remA);
        });
        await inTx(state, b, async (tx) => {
          await tx.leads.insert(leadB);
          await tx.reminders.insert(remB);
        });
        await inTx(state, a, (tx) => tx.leads.update({ ...leadA, status: 'working', version: 2 }, 1));
        expect(await inTx(state, a, (tx) => tx.leads.get(leadA.id))).toMatchObject({
          company: 'A Co',
          version: 2,
        });
        expect(await inTx(state, b, (tx) => tx.leads.get(leadA.id))).toEqual(leadB);
        expect(await inTx(state, b, (tx) => tx.reminders.due(['u1'], minutesAfterBase(0), 10))).toEqual([
          remB,
        ]);
      },
    );
  });
}
