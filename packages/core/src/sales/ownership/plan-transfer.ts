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
  contact: null,
  demo_loan: null,
  cost: null,
};

/**
 * Kinds that follow an account that moves even when closed: they govern a team (their children —
 * activities, costs, service cases, loans — are visible through it), so the new owner of a customer
 * can open every record of it: the won deal behind their order, its visits, costs and cases.
 */
const FOLLOW_ACCOUNT: ReadonlySet<TransferRecordKind> = new Set(['lead', 'opportunity', 'order']);

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
  const accounts = new Set(
    records
      .filter((r) => r.kind === 'account' && r.ownerId === from && decide(r, options, say).move)
      .map((r) => r.id),
  );
  for (const record of records) {
    if (record.ownerId !== from) continue;
    const item = decideWithAccount(record, options, say, accounts);
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

/** The per-kind rules that come before the open/closed options: costs, contacts, account followers. */
function decideWithAccount(
  r: TransferRecord,
  options: TransferOptions,
  say: Names,
  movingAccounts: ReadonlySet<string>,
): { move: boolean; reason: string } {
  const what = label(r);
  const account = r.accountId ?? null;
  const accountMoves = account !== null && movingAccounts.has(account);
  if (r.kind === 'cost') {
    return {
      move: false,
      reason:
        `${what} stays incurred by ${say.from}: an expense is a fact about who spent it; ` +
        `${say.to} reads it through the deal or customer it is booked on`,
    };
  }
  if (r.kind === 'contact') {
    return accountMoves
      ? { move: true, reason: `${what} follows its account ${account} to ${say.to}` }
      : {
          move: false,
          reason: `${what} stays: contacts follow their account's owner, and its account does not move`,
        };
  }
  const own = decide(r, options, say);
  if (!own.move && accountMoves && FOLLOW_ACCOUNT.has(r.kind)) {
    return {
      move: true,
      reason: `${what} follows its account ${account} to ${say.to}, so the customer's records stay together`,
    };
  }
  return own;
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

const KIND_WORDS: Partial<Record<TransferRecordKind, string>> = {
  service_case: 'service case',
  demo_loan: 'demo loan',
  cost: 'cost entry',
};

function label(r: TransferRecord): string {
  const kind = KIND_WORDS[r.kind] ?? r.kind;
  if (r.kind === 'contact' || r.kind === 'cost') return `${kind} ${r.label ? `${r.label} (${r.id})` : r.id}`;
  const what = r.label ? `${r.label} (${r.id})` : r.id;
  if (r.kind === 'activity') return `${r.open ? 'scheduled' : 'past'} activity ${what}`;
  return `${r.open ? 'open' : 'closed'} ${kind} ${what}`;
}
