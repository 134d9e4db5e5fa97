import { describe, expect } from 'vitest';
import { conformanceIt, freshTenant, inTx, rawRows } from './conformance-it.js';
import { buildAccount, buildContact } from './fixtures.js';
import { buildLead, buildOpportunity, buildOrder } from './fixtures-deals.js';
import { buildActivity, buildCost } from './fixtures-work.js';
import { type SuiteState, CONFORMANCE_TABLES as T } from './harness.js';

/**
 * The scope filter runs on two columns: `owner_id` and `team_key` (the governing team). This pins
 * them for the unambiguous cases of `scope.ts`: a deal governs itself and what hangs off it, an
 * account governs itself and its contacts; a cost's owner is who incurred it.
 */
export function registerRawColumns(state: SuiteState): void {
  describe('scope columns', () => {
    conformanceIt(
      state,
      'scoping.raw-columns',
      'raw owner_id and team_key follow the governing record',
      async () => {
        const tenantId = await freshTenant(state);
        const account = buildAccount(tenantId, { ownerId: 'u-acc' });
        const contact = buildContact(tenantId, { accountId: account.id, ownerId: 'u-con' });
        const lead = buildLead(tenantId, { ownerId: 'u-lead' });
        const opp = buildOpportunity(tenantId, { ownerId: 'u-opp', accountId: account.id });
        const order = buildOrder(tenantId, {
          ownerId: 'u-ord',
          accountId: account.id,
          opportunityId: opp.id,
        });
        const directOrder = buildOrder(tenantId, { ownerId: 'u-ord', accountId: account.id });
        const activity = buildActivity(tenantId, { ownerId: 'u-act', opportunityId: opp.id });
        const cost = buildCost(tenantId, { incurredBy: 'u-cost', opportunityId: opp.id });
        await inTx(state, tenantId, async (tx) => {
          await tx.accounts.insert(account);
          await tx.contacts.insert(contact);
          await tx.leads.insert(lead);
          await tx.opportunities.insert(opp);
          await tx.orders.insert(order);
          await tx.orders.insert(directOrder);
          await tx.activities.insert(activity);
          await tx.costs.insert(cost);
        });
        const columns = async (table: string, id: string) => {
          const [row] = await rawRows(state, table, tenantId, { id });
          return { owner_id: row?.owner_id, team_key: row?.team_key };
        };
        expect(await columns(T.accounts, account.id)).toEqual({ owner_id: 'u-acc', team_key: account.id });
        expect(await columns(T.contacts, contact.id)).toEqual({ owner_id: 'u-con', team_key: account.id });
        expect(await columns(T.leads, lead.id)).toEqual({ owner_id: 'u-lead', team_key: lead.id });
        expect(await columns(T.opportunities, opp.id)).toEqual({ owner_id: 'u-opp', team_key: opp.id });
        expect(await columns(T.orders, order.id)).toEqual({ owner_id: 'u-ord', team_key: opp.id });
        expect(await columns(T.orders, directOrder.id)).toEqual({
          owner_id: 'u-ord',
          team_key: directOrder.id,
        });
        expect(await columns(T.activities, activity.id)).toEqual({ owner_id: 'u-act', team_key: opp.id });
        expect(await columns(T.costs, cost.id)).toEqual({ owner_id: 'u-cost', team_key: opp.id });
      },
    );
  });
}
