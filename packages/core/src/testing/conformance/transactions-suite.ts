import type { StorageTx } from '@gongfu/core';
import { isCrmError } from '@gongfu/core';
import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx, rawRows, rejectionOf } from './conformance-it.js';
import { buildUser } from './fixtures.js';
import { buildLead, buildOpportunity } from './fixtures-deals.js';
import { buildCost, buildHistoryEvent, buildQuote, buildReminder, buildTeamMember } from './fixtures-work.js';
import { rawNumber, type SuiteState, CONFORMANCE_TABLES as T } from './harness.js';

class TestAbort extends Error {
  readonly marker = Symbol('abort');
}

/** Commit, rollback of every kind of write, error pass-through, and the shape of the handle. */
export function registerTransactions(state: SuiteState): void {
  describe('transactions', () => {
    conformanceIt(
      state,
      'transactions.rollback-all',
      'a throw rolls back every write; the error comes back unchanged',
      async () => {
        const tenantId = await freshTenant(state);
        const lead = buildLead(tenantId, { ownerId: 'u-1' });
        const abort = new TestAbort('abort on purpose');
        const error = await rejectionOf(
          inTx(state, tenantId, async (tx) => {
            await tx.users.insert(buildUser(tenantId));
            await tx.leads.insert(lead);
            await tx.leads.update({ ...lead, status: 'working', version: 2 }, 1);
            await tx.opportunities.insert(buildOpportunity(tenantId, { ownerId: 'u-1', accountId: 'a-1' }));
            await tx.costs.insert(buildCost(tenantId, { incurredBy: 'u-1', leadId: lead.id }));
            await tx.teams.replace(lead.id, [buildTeamMember({ userId: 'u-1', isOwner: true })]);
            await tx.quotes.append(buildQuote(tenantId, { leadId: lead.id, quotedBy: 'u-1' }));
            await tx.history.append([buildHistoryEvent({ entityId: lead.id, actorId: 'u-1' })]);
            await tx.reminders.insert(buildReminder(tenantId, { subjectId: lead.id, userId: 'u-1' }));
            expect(await tx.leads.get(lead.id)).toMatchObject({ status: 'working', version: 2 });
            throw abort;
          }),
        );
        expect(error).toBe(abort);
        for (const table of [
          T.users,
          T.leads,
          T.opportunities,
          T.costs,
          T.teams,
          T.quotes,
          T.history,
          T.reminders,
        ]) {
          expect(await rawRows(state, table, tenantId), table).toEqual([]);
        }
        expect(await inTx(state, tenantId, (tx) => tx.leads.get(lead.id))).toBeNull();
      },
    );

    conformanceIt(
      state,
      'transactions.rollback-update',
      'a throw restores updated and removed rows',
      async () => {
        const tenantId = await freshTenant(state);
        const lead = buildLead(tenantId, { ownerId: 'u-1' });
        const reminder = buildReminder(tenantId, { subjectId: lead.id, userId: 'u-1' });
        const team = [buildTeamMember({ userId: 'u-1', isOwner: true, access: 'edit', role: 'sales' })];
        await inTx(state, tenantId, async (tx) => {
          await tx.leads.insert(lead);
          await tx.reminders.insert(reminder);
          await tx.teams.replace(lead.id, team);
        });
        const error = await rejectionOf(
          inTx(state, tenantId, async (tx) => {
            await tx.leads.update({ ...lead, status: 'disqualified', version: 2 }, 1);
            await tx.reminders.remove([reminder.id]);
            await tx.teams.replace(lead.id, []);
            await tx.leads.update({ ...lead, version: 2 }, 1); // stale: the CrmError aborts the command
          }),
        );
        expect(isCrmError(error, 'CONCURRENCY'), String(error)).toBe(true);
        await inTx(state, tenantId, async (tx) => {
          expect(await tx.leads.get(lead.id)).toEqual(lead);
          expect(await tx.reminders.get(reminder.id)).toEqual(reminder);
          expect(await tx.teams.members(lead.id)).toEqual(team);
        });
        expect(rawNumber((await rawRows(state, T.leads, tenantId, { id: lead.id }))[0], 'version')).toBe(1);
      },
    );

    conformanceIt(
      state,
      'transactions.commit',
      'a resolved transaction commits and returns its value',
      async () => {
        const tenantId = await freshTenant(state);
        const lead = buildLead(tenantId, { ownerId: 'u-1' });
        const value = await inTx(state, tenantId, async (tx) => {
          await tx.leads.insert(lead);
          return { inserted: lead.id };
        });
        expect(value).toEqual({ inserted: lead.id });
        expect(await rawRows(state, T.leads, tenantId, { id: lead.id })).toHaveLength(1);
        const read = await state.ctx.storage.read({ tenantId }, (tx) => tx.leads.get(lead.id));
        expect(read).toEqual(lead);
      },
    );

    conformanceIt(
      state,
      'transactions.handle',
      'handles carry the tenant id and no transaction member',
      async () => {
        const tenantId = await freshTenant(state);
        const seen: { tenantId: string; nested: boolean }[] = [];
        await inTx(state, tenantId, async (tx) => {
          seen.push({ tenantId: tx.tenantId, nested: 'transaction' in tx });
        });
        await state.ctx.storage.read({ tenantId }, async (tx) => {
          seen.push({ tenantId: tx.tenantId, nested: 'transaction' in tx });
        });
        expect(seen).toEqual([
          { tenantId, nested: false },
          { tenantId, nested: false },
        ]);
      },
    );

    conformanceIt(
      state,
      'transactions.after-end',
      'a handle kept after its transaction ended refuses work (StorageError) and writes nothing',
      async () => {
        const tenantId = await freshTenant(state);
        let kept: StorageTx | null = null;
        await inTx(state, tenantId, async (tx) => {
          kept = tx;
        });
        const lead = buildLead(tenantId, { ownerId: 'u-1' });
        const error = await rejectionOf((kept as StorageTx | null)?.leads.insert(lead) ?? Promise.resolve());
        expect(isCrmError(error, 'STORAGE')).toBe(true);
        expect(await rawRows(state, T.leads, tenantId, { id: lead.id })).toHaveLength(0);
      },
    );

    conformanceIt(state, 'transactions.read-error', 'read rethrows the error of fn unchanged', async () => {
      const tenantId = await freshTenant(state);
      const abort = new TestAbort('abort a read');
      const error = await rejectionOf(
        state.ctx.storage.read({ tenantId }, async () => Promise.reject(abort)),
      );
      expect(error).toBe(abort);
    });
  });
}
