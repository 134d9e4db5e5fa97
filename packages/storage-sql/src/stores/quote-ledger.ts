import { type LastQuoteFilter, type QuoteEntry, type QuoteLedger, teamKeyOf } from '@gongfu/core';
import { sql } from 'kysely';
import type { AnyExpressionBuilder, AnyRow } from '../any-db.js';
import { literalLimit } from '../records/compile-where.js';
import { executeCached, writeCached } from '../records/compiled-cache.js';
import type { StoreContext } from '../records/store-context.js';

/** The filter keys `list` knows, in the order their conditions are added. */
const FILTERS = [
  ['leadId', 'lead_id'],
  ['opportunityId', 'opportunity_id'],
  ['accountId', 'account_id'],
  ['sku', 'sku'],
] as const;

/** Append-only: rows are inserted and re-pointed on conversion, never changed otherwise or deleted. */
export class SqlQuoteLedger implements QuoteLedger {
  constructor(private readonly ctx: StoreContext) {}

  async append(entry: QuoteEntry): Promise<void> {
    const { engine, tenantId } = this.ctx;
    const values = {
      tenant_id: tenantId,
      id: entry.id,
      lead_id: entry.leadId,
      opportunity_id: entry.opportunityId,
      account_id: entry.accountId,
      team_key: teamKeyOf({
        kind: 'quote',
        id: entry.id,
        opportunityId: entry.opportunityId,
        leadId: entry.leadId,
        accountId: entry.accountId,
      }),
      sku: entry.sku,
      quantity: entry.quantity,
      unit_price_minor: entry.unitPrice.amount,
      currency: entry.unitPrice.currency,
      valid_until: engine.encodeDate(entry.validUntil),
      quoted_by: entry.quotedBy,
      quoted_at: engine.encodeInstant(entry.quotedAt),
      note: entry.note,
    };
    // Next in the tenant's append order, drawn inside the INSERT (no read before it). Under
    // SQLite's write lock this is strict; on PostgreSQL two quotes committed concurrently may share
    // a number, and then id breaks the tie.
    await writeCached(
      this.ctx,
      'quote_entries:append',
      [...Object.values(values), tenantId],
      () =>
        this.ctx.db.insertInto('quote_entries').values({
          ...values,
          seq: (eb: AnyExpressionBuilder) =>
            eb
              .selectFrom('quote_entries')
              .select(sql<number>`coalesce(max(seq), 0) + 1`.as('next'))
              .where('tenant_id', '=', tenantId),
        }),
      { entity: 'quote' },
    );
  }

  async list(filter: LastQuoteFilter, limit: number): Promise<QuoteEntry[]> {
    const { engine } = this.ctx;
    // Refreshing a lead's reminders reads its latest quote on every write: cached per set of keys.
    const used = FILTERS.filter(([key]) => filter[key] !== undefined);
    const { rows } = await executeCached<AnyRow>(
      this.ctx,
      `quote_entries:list:${used.map(([key]) => key).join(',')}:${limit}`,
      [this.ctx.tenantId, ...used.map(([key]) => filter[key])],
      () => {
        let query = this.ctx.db
          .selectFrom('quote_entries')
          .selectAll()
          .where('tenant_id', '=', this.ctx.tenantId);
        for (const [key, column] of used) query = query.where(column, '=', filter[key]);
        return query
          .orderBy('quoted_at', 'desc')
          .orderBy('seq', 'desc')
          .orderBy('id', 'desc')
          .limit(literalLimit(limit));
      },
    );
    return rows.map(
      (r): QuoteEntry => ({
        tenantId: r.tenant_id,
        id: r.id,
        leadId: r.lead_id,
        opportunityId: r.opportunity_id,
        accountId: r.account_id,
        sku: r.sku,
        quantity: engine.decodeInt(r.quantity),
        unitPrice: { amount: engine.decodeInt(r.unit_price_minor), currency: r.currency },
        validUntil: engine.decodeDate(r.valid_until),
        quotedBy: r.quoted_by,
        quotedAt: engine.decodeInstant(r.quoted_at),
        note: r.note,
      }),
    );
  }

  async linkLead(
    leadId: string,
    link: { opportunityId: string | null; accountId: string | null },
  ): Promise<number> {
    // A null in `link` keeps what the entry had; the team follows the opportunity once there is one.
    const set: Record<string, unknown> = {};
    if (link.opportunityId !== null) {
      set.opportunity_id = link.opportunityId;
      set.team_key = link.opportunityId;
    }
    if (link.accountId !== null) set.account_id = link.accountId;
    const columns = Object.keys(set);
    if (columns.length === 0) return 0;
    // Every conversion runs it: a cached statement per set of columns, not a Kysely build per call.
    const result = await executeCached(
      this.ctx,
      `quote_entries:link:${columns.join(',')}`,
      [...Object.values(set), this.ctx.tenantId, leadId],
      () =>
        this.ctx.db
          .updateTable('quote_entries')
          .set(set)
          .where('tenant_id', '=', this.ctx.tenantId)
          .where('lead_id', '=', leadId),
    );
    return Number(result.numAffectedRows ?? 0);
  }
}
