import type { Grant } from '../../access/model.js';
import { accessAtLeast } from '../../access/model.js';
import { parseInput } from '../../kernel/validate.js';
import type {
  TransferInput,
  TransferOptions,
  TransferRecord,
  TransferRecordKind,
} from './transfer-schema.js';
import { transferInputSchema } from './transfer-schema.js';

export interface TransferItem {
  kind: TransferRecordKind;
  id: string;
  /** Why, in English, for the confirmation screen and the record's history entry. */
  reason: string;
}

/**
 * Apply as: drop every grant of `remove` on the record's team, then upsert `add` (it may replace a
 * weaker grant).
 */
export interface TeamChange {
  kind: TransferRecordKind;
  id: string;
  remove: string;
  add?: Grant;
  reason: string;
}

export interface TransferPlan {
  from: string;
  to: string;
  moves: TransferItem[];
  stays: TransferItem[];
  teamChanges: TeamChange[];
}

/**
 * The option that governs open records of each kind. Accounts and service cases have none on purpose:
 * an open account or after-sales case left with someone who has gone is a customer nobody looks after.
 */
const OPEN_OPTION: Record<TransferRecordKind, keyof TransferOptions | null> = {
  lead: 'openLeads',
  opportunity: 'openOpportunities',
  order: 'openOrders',
  activity: 'scheduledActivities',
  account: null,
  service_case: null,
};

/**
 * Pure planning of "salesperson `from` leaves, `to` takes over". Records are not rewritten here, and the
 * history stays with each record (the service records the transfer); the plan only says what moves and
 * why. Authorize separately with `authorizeTransfer`. Throws ValidationError on bad input.
 */
export function planTransfer(input: TransferInput): TransferPlan {
  const { from, to, options, records, names } = parseInput(transferInputSchema, input);
  // Ids decide; names only speak (the plan is read by a manager, not a database).
  const say: Names = { from: names[from] ?? from, to: names[to] ?? to };
  const moves: TransferItem[] = [];
  const stays: TransferItem[] = [];
  const moving = new Set<TransferRecord>();
  for (const record of records) {
    if (record.ownerId !== from) continue;
    const item = decide(record, options, say);
    if (item.move) moving.add(record);
    (item.move ? moves : stays).push({ kind: record.kind, id: record.id, reason: item.reason });
  }
  const teamChanges: TeamChange[] = [];
  for (const record of records) {
    const change = teamChange(record, options.keepDealTeams, from, to, moving.has(record), say);
    if (change) teamChanges.push(change);
  }
  return { from, to, moves, stays, teamChanges };
}

interface Names {
  from: string;
  to: string;
}

function decide(r: TransferRecord, options: TransferOptions, say: Names): { move: boolean; reason: string } {
  const { from, to } = say;
  const what = label(r);
  if (!r.open) {
    return options.closedRecords === 'move'
      ? { move: true, reason: `${what} moves to ${to} because closed records are included` }
      : {
          move: false,
          reason: `${what} stays with ${from}; closed records keep their history where it happened`,
        };
  }
  const option = OPEN_OPTION[r.kind];
  if (option === null)
    return { move: true, reason: `${what} always moves to ${to} so the customer is not orphaned` };
  if (options[option]) return { move: true, reason: `${what} moves to ${to}` };
  return { move: false, reason: `${what} stays with ${from} because ${option} is off` };
}

function teamChange(
  r: TransferRecord,
  keep: boolean,
  from: string,
  to: string,
  moving: boolean,
  say: Names,
): TeamChange | null {
  const leaving = r.grants.filter((g) => g.userId === from);
  const strongest = leaving.find((g) => g.access === 'edit') ?? leaving[0];
  if (strongest === undefined) return null;
  const base = { kind: r.kind, id: r.id, remove: from };
  if (!keep) return { ...base, reason: `${say.from} leaves the team of ${label(r)}` };
  // No seat for `to` when they will own the record or already hold at least the same access.
  const ownsIt = r.ownerId === to || moving;
  const covered = r.grants.some((g) => g.userId === to && accessAtLeast(g.access, strongest.access));
  if (ownsIt || covered)
    return { ...base, reason: `${say.from} leaves the team of ${label(r)}; ${say.to} already has access` };
  const add: Grant = { userId: to, role: strongest.role, access: strongest.access };
  return {
    ...base,
    add,
    reason: `${say.to} takes ${say.from}'s ${strongest.role} seat on the team of ${label(r)}`,
  };
}

function label(r: TransferRecord): string {
  const kind = r.kind === 'service_case' ? 'service case' : r.kind;
  const what = r.label ? `${r.label} (${r.id})` : r.id;
  if (r.kind === 'activity') return `${r.open ? 'scheduled' : 'past'} activity ${what}`;
  return `${r.open ? 'open' : 'closed'} ${kind} ${what}`;
}
