import type { Grant } from '../../access/model.js';
import { accessAtLeast } from '../../access/model.js';
import { entityName } from '../../kernel/kernel-messages.js';
import { type Message, message, renderBuiltIn } from '../../kernel/message.js';
import { parseInput } from '../../kernel/validate.js';
import { sayOwnership } from './ownership-messages.js';
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
  /** Why, for the confirmation screen and the record's history entry: in the call's language. */
  reason: string;
  /** The reason as a key with parameters. */
  reasonDetail: Message;
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
  reasonDetail: Message;
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
  // The accounts that move, each with the words a reason names it by (its name, not only its id).
  const accounts = new Map(
    records
      .filter((r) => r.kind === 'account' && r.ownerId === from && decide(r, options, say).move)
      .map((r) => [r.id, recordName(r)] as const),
  );
  for (const record of records) {
    if (record.ownerId !== from) continue;
    const item = decideWithAccount(record, options, say, accounts);
    if (item.move) moving.add(record);
    (item.move ? moves : stays).push({ kind: record.kind, id: record.id, ...because(item.reason) });
  }
  const teamChanges: TeamChange[] = [];
  for (const record of records) {
    const change = teamChange(record, options.keepDealTeams, from, to, moving.has(record), say);
    if (change) teamChanges.push(change);
  }
  return { from, to, moves, stays, teamChanges };
}

/** A reason as the plan carries it: English text (until the service renders it) and its message. */
const because = (reason: Message) => ({ reason: renderBuiltIn(reason), reasonDetail: reason });

/** The plan's reasons in a locale (the service renders them in the call's). */
export function renderTransferPlan(plan: TransferPlan, say: (m: Message) => string): TransferPlan {
  const speak = <T extends { reason: string; reasonDetail: Message }>(item: T): T => ({
    ...item,
    reason: say(item.reasonDetail),
  });
  return {
    ...plan,
    moves: plan.moves.map(speak),
    stays: plan.stays.map(speak),
    teamChanges: plan.teamChanges.map(speak),
  };
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
  movingAccounts: ReadonlyMap<string, Message | string>,
): Decision {
  const what = label(r);
  const account = r.accountId ? (movingAccounts.get(r.accountId) ?? null) : null;
  const accountMoves = account !== null;
  if (r.kind === 'cost') {
    return { move: false, reason: t('ownership.reason.costStays', { what, from: say.from, to: say.to }) };
  }
  if (r.kind === 'contact') {
    return accountMoves
      ? { move: true, reason: t('ownership.reason.contactFollows', { what, account, to: say.to }) }
      : { move: false, reason: t('ownership.reason.contactStays', { what }) };
  }
  const own = decide(r, options, say);
  if (!own.move && accountMoves && FOLLOW_ACCOUNT.has(r.kind)) {
    return { move: true, reason: t('ownership.reason.followsAccount', { what, account, to: say.to }) };
  }
  return own;
}

interface Decision {
  move: boolean;
  reason: Message;
}

function decide(r: TransferRecord, options: TransferOptions, say: Names): Decision {
  const { from, to } = say;
  const what = label(r);
  if (!r.open) {
    return options.closedRecords === 'move'
      ? { move: true, reason: t('ownership.reason.closedMoves', { what, to }) }
      : { move: false, reason: t('ownership.reason.closedStays', { what, from }) };
  }
  const option = OPEN_OPTION[r.kind];
  if (option === null) return { move: true, reason: t('ownership.reason.alwaysMoves', { what, to }) };
  if (options[option]) return { move: true, reason: t('ownership.reason.moves', { what, to }) };
  return { move: false, reason: t('ownership.reason.optionOff', { what, from, option }) };
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
  const what = label(r);
  if (!keep) return { ...base, ...because(t('ownership.team.leaves', { from: say.from, what })) };
  // No seat for `to` when they will own the record or already hold at least the same access.
  const ownsIt = r.ownerId === to || moving;
  const covered = r.grants.some((g) => g.userId === to && accessAtLeast(g.access, strongest.access));
  if (ownsIt || covered)
    return { ...base, ...because(t('ownership.team.leavesCovered', { from: say.from, what, to: say.to })) };
  const add: Grant = { userId: to, role: strongest.role, access: strongest.access };
  return {
    ...base,
    add,
    ...because(
      t('ownership.team.takesSeat', { to: say.to, from: say.from, role: roleName(strongest.role), what }),
    ),
  };
}

const t = sayOwnership;

/** A team role as the access explanations name it (`sales` → 销售), an app's own role as given. */
const roleName = (role: string): Message | string =>
  ['sales', 'presales', 'service'].includes(role) ? message(`access.role.${role}`) : role;

const KIND_WORDS: Partial<Record<TransferRecordKind, string>> = {
  service_case: 'service case',
  demo_loan: 'demo loan',
  cost: 'cost entry',
};

/** The record as the reasons name it: open or closed, its kind, its label and id. */
/** A record as a reason names it: "name (id)", or its id when it has no name. */
function recordName(r: TransferRecord): Message | string {
  return r.label ? t('ownership.record.named', { label: r.label, id: r.id }) : r.id;
}

function label(r: TransferRecord): Message {
  const kind = entityName(KIND_WORDS[r.kind] ?? r.kind);
  const name = recordName(r);
  if (r.kind === 'contact' || r.kind === 'cost') return t('ownership.record.plain', { kind, name });
  if (r.kind === 'activity')
    return t(r.open ? 'ownership.record.scheduledActivity' : 'ownership.record.pastActivity', { name });
  return t(r.open ? 'ownership.record.open' : 'ownership.record.closed', { kind, name });
}
