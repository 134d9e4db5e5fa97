import type { Instant, ReminderClaim } from '@gongfu/core';
import { sql } from 'kysely';
import type { AnyExpressionBuilder, AnyRow } from '../any-db.js';
import type { StoreContext } from '../records/store-context.js';

/**
 * The columns of one kind of reminder dispatch: who holds the lease, until when, the fence number
 * of the current claim, and the instant that says the work is done. Delivery and escalation each
 * have their own, so the two dispatchers never hold each other up.
 */
export interface ReminderLease {
  claimedBy: string;
  expiresAt: string;
  fence: string;
  done: string;
  /** What "oldest first" means for this dispatch. */
  order: 'due_at' | 'escalate_at';
}

export const DELIVERY_LEASE: ReminderLease = {
  claimedBy: 'claimed_by',
  expiresAt: 'claim_expires_at',
  fence: 'delivery_fence',
  done: 'delivered_at',
  order: 'due_at',
};

export const ESCALATION_LEASE: ReminderLease = {
  claimedBy: 'escalation_claimed_by',
  expiresAt: 'escalation_claim_expires_at',
  fence: 'escalation_fence',
  done: 'escalated_at',
  order: 'escalate_at',
};

const CLAIM_CHUNK = 500;
/** Four parameters per claim in a mark: well under either engine's limit. */
const MARK_CHUNK = 200;

/**
 * Leases up to `limit` rows matching `due` (and not done, and unclaimed or with an expired claim)
 * to `workerId`, each with the next number of its fence; returns the claimed rows.
 */
export async function claimLeased(
  ctx: StoreContext,
  lease: ReminderLease,
  due: (eb: AnyExpressionBuilder, at: unknown) => ReturnType<AnyExpressionBuilder['and']>,
  workerId: string,
  at: Instant,
  limit: number,
  leaseMs: number,
): Promise<AnyRow[]> {
  if (limit < 1) return [];
  const { engine, tenantId } = ctx;
  const t = engine.encodeInstant(at);
  const expires = engine.encodeInstant(new Date(Date.parse(at) + leaseMs).toISOString());
  // Pick (and on PostgreSQL lock) first, then update exactly those ids. One `id in (subquery)`
  // statement is not safe: PostgreSQL may rescan the LIMIT subquery and claim more than `limit`.
  // SKIP LOCKED lets concurrent claimers take disjoint batches instead of queueing on each other's
  // rows; SQLite's write lock (BEGIN IMMEDIATE) already serialises claimers and has no row locks.
  const picked = await ctx.db
    .selectFrom('reminders')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where((eb) => due(eb, t))
    .where(lease.done, 'is', null)
    .where((eb) => eb.or([eb(lease.claimedBy, 'is', null), eb(lease.expiresAt, '<=', t)]))
    .orderBy(lease.order)
    .orderBy('id')
    .limit(limit)
    .$if(engine.name === 'postgres', (qb) => qb.forUpdate().skipLocked())
    .execute();
  const rows: AnyRow[] = [];
  for (let i = 0; i < picked.length; i += CLAIM_CHUNK) {
    const claimed = await ctx.db
      .updateTable('reminders')
      .set({
        [lease.claimedBy]: workerId,
        [lease.expiresAt]: expires,
        // The fence only ever grows: a new occurrence of the reminder keeps counting from its last claim.
        [lease.fence]: sql`coalesce(${sql.ref(lease.fence)}, 0) + 1`,
      })
      .where('tenant_id', '=', tenantId)
      .where(
        'id',
        'in',
        picked.slice(i, i + CLAIM_CHUNK).map((r) => r.id),
      )
      .returningAll()
      .execute();
    rows.push(...claimed);
  }
  return rows;
}

/**
 * Marks done (and bumps the version of) the claimed reminders whose fence is still the claim's and
 * whose occurrence is still the claimed one — a rewrite to a new due time or owner between claim
 * and mark is a new occurrence, which must be delivered afresh, not marked by the old delivery.
 */
export async function markLeased(
  ctx: StoreContext,
  lease: ReminderLease,
  claims: readonly ReminderClaim[],
  at: Instant,
): Promise<string[]> {
  const { engine, tenantId } = ctx;
  const marked: string[] = [];
  for (let i = 0; i < claims.length; i += MARK_CHUNK) {
    const chunk = claims.slice(i, i + MARK_CHUNK);
    const rows = await ctx.db
      .updateTable('reminders')
      .set((eb) => ({
        [lease.done]: engine.encodeInstant(at),
        // The instant is part of the record: a concurrent compare-and-set update must not undo it.
        version: eb('version', '+', 1),
      }))
      .where('tenant_id', '=', tenantId)
      .where(lease.done, 'is', null)
      .where((eb) =>
        eb.or(
          chunk.map(({ reminder, fence }) =>
            eb.and([
              eb('id', '=', reminder.id),
              eb(lease.fence, '=', fence),
              eb('due_at', '=', engine.encodeInstant(reminder.dueAt)),
              eb('user_id', '=', reminder.userId),
            ]),
          ),
        ),
      )
      .returning('id')
      .execute();
    marked.push(...rows.map((r) => String(r.id)));
  }
  return marked;
}
