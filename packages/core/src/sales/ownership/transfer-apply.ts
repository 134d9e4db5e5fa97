import { accessOf, type CommandContext } from '../../service/context.js';
import type { TeamMember } from '../opportunities/opportunity.js';
import type { TeamChange, TransferPlan } from './plan-transfer.js';
import { type Gathered, type GatheredRecord, keyOf, type Owned, TRANSFER_KINDS } from './transfer-gather.js';

type Seat = TeamMember;

/** One team after the transfer: the leaver's seat gone, the planned grant upserted, never the owner twice. */
function nextSeats(seats: readonly Seat[], owner: string, change: TeamChange | undefined): Seat[] {
  let next = seats.filter((s) => s.userId !== owner && s.userId !== change?.remove);
  const add = change?.add;
  if (add && add.userId !== owner) next = [...next.filter((s) => s.userId !== add.userId), { ...add }];
  return next;
}

const seatsEqual = (a: readonly Seat[], b: readonly Seat[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Apply a plan inside the caller's transaction. Every moved record gets a new version and a
 * `<kind>.transferred` event; its history is never copied or rewritten, it simply stays with the
 * record, which the new owner can now read. Its reminders follow by themselves: the record kind
 * recomputes them on the write, now addressed to the new owner and delivered afresh.
 */
export async function applyTransfer(
  ctx: CommandContext,
  gathered: Gathered,
  plan: TransferPlan,
  batchId: string,
): Promise<void> {
  const moving = new Set(plan.moves.map((m) => keyOf(m.kind, m.id)));
  const reasons = new Map(plan.moves.map((m) => [keyOf(m.kind, m.id), m]));
  const changes = new Map(plan.teamChanges.map((c) => [keyOf(c.kind, c.id), c]));
  const touched = [...new Set([...moving, ...changes.keys()])];
  for (const key of touched) {
    const item = gathered.byKey.get(key);
    if (!item) continue;
    const change = changes.get(key);
    const meta = {
      from: plan.from,
      to: plan.to,
      batch: batchId,
      // The history keeps the English sentence and its key, so any reader can render it again.
      reason: (reasons.get(key) ?? change)?.reason ?? null,
      reasonDetail: (reasons.get(key) ?? change)?.reasonDetail ?? null,
    };
    await applyOne(ctx, item, moving.has(key) ? plan.to : null, change, meta);
  }
}

async function applyOne(
  ctx: CommandContext,
  { kind, record, governing }: GatheredRecord,
  newOwner: string | null,
  change: TeamChange | undefined,
  meta: Record<string, unknown>,
): Promise<void> {
  const s = TRANSFER_KINDS[kind];
  const type = s.entity.type;
  const owner = newOwner ?? record.ownerId;
  const updates: Partial<Owned> & { team?: Seat[] } = newOwner ? { ownerId: newOwner } : {};
  if (kind === 'opportunity') {
    // The deal's own team list and the team store must never disagree.
    const current = (record as Owned & { team: Seat[] }).team;
    const team = nextSeats(current, owner, change);
    if (!seatsEqual(team, current)) updates.team = team;
  }
  if (Object.keys(updates).length > 0) {
    await ctx.update(
      s.entity,
      record,
      updates,
      newOwner ? `${type}.transferred` : `${type}.team_transferred`,
      meta,
    );
  } else if (change) {
    // Only the team moved: the record's version stays, but its history says who left and who joined.
    await ctx.history(
      type,
      record.id,
      `${type}.team_transferred`,
      null,
      null,
      record.version,
      meta,
      accessOf(s.entity, record),
    );
  }
  if (governing && (newOwner || change)) {
    const rows = (await ctx.tx.teams.members(record.id)).filter((m) => !m.isOwner);
    const seats = nextSeats(
      rows.map((r) => ({ userId: r.userId, role: r.role, access: r.access })),
      owner,
      change,
    );
    await ctx.setTeam(record.id, owner, seats);
  }
}
