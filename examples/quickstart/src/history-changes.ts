/**
 * One history event as a person reads it: "stage solution → bid, probability 40% → 60%". The
 * history keeps every changed field before → after; the story shows the values, in words, for the
 * few fields a manager reads, so the table answers "from what, to what" and not only "what".
 */
import { type Crm, type HistoryEvent, historyFieldName, type Money } from '@gongfu/core';
import { forecastLabel, stageLabel } from './labels.js';
import type { Printer } from './print.js';

/** At most this many fields a row, so one busy event does not fill the screen. */
const FIELDS_SHOWN = 3;

/**
 * Fields that only repeat the event's own time or a field already shown (a stage change stamps
 * `stageEnteredAt`; a win stamps `closedAt`): the "when" column says it.
 */
const ECHOES = new Set(['stageEnteredAt', 'closedAt']);

/** Fields that hold a user's id: shown by the person's name. */
const PERSON_FIELDS = new Set(['ownerId', 'userId', 'assigneeId', 'actorId']);

/** What a created record starts with that a manager looks for first. */
const CREATED_FIELDS = ['stage', 'amount'];

interface Readers {
  crm: Crm;
  p: Printer;
  /** User id → name, for owners and team members. */
  people: ReadonlyMap<string, string>;
}

/** The "changed" cell of one history row. */
export function describeChanges(event: HistoryEvent, r: Readers): string {
  const { p } = r;
  const created = event.event.endsWith('.created');
  const fields = Object.keys(event.changes).filter(
    (field) => !ECHOES.has(field) && (!created || CREATED_FIELDS.includes(field)),
  );
  const shown = fields
    .flatMap((field) => describeField(field, event.changes[field]!, r) ?? [])
    .slice(0, FIELDS_SHOWN)
    .join(p.t('; ', '; '));
  if (created) return shown ? `${p.t('(新建)', '(new record)')} ${shown}` : p.t('(新建)', '(new record)');
  // An event that changes no field of its own record (a duplicate linked to it) says why.
  if (!shown && typeof event.meta?.reason === 'string') return event.meta.reason;
  return shown;
}

function describeField(field: string, change: { from: unknown; to: unknown }, r: Readers): string | null {
  const name = historyFieldName(field);
  if (!name) return null;
  const label = r.crm.say(name, r.p.lang);
  const joined = peopleJoinedOrLeft(change, r);
  if (joined) return `${label} ${joined}`;
  const from = valueText(field, change.from, r);
  const to = valueText(field, change.to, r);
  // A value with no words (another record's id, a nested record) still says the field changed.
  if (to === null) return from === null ? label : `${label} ${from} → —`;
  return from === null ? `${label} ${to}` : `${label} ${from} → ${to}`;
}

/** A value in words, or null when it has none a person reads (an empty start, a nested record). */
function valueText(field: string, value: unknown, r: Readers): string | null {
  const { p, people } = r;
  if (value === null || value === undefined) return null;
  if (field === 'stage' && typeof value === 'string') return stageLabel(value, p.lang);
  if (field === 'forecastCategory' && typeof value === 'string') return forecastLabel(value, p.lang);
  if (field === 'probability' && typeof value === 'number') return `${value}%`;
  if (PERSON_FIELDS.has(field) && typeof value === 'string') return people.get(value) ?? null;
  // Other records' ids (account, lead, the deal it duplicates) mean nothing to a reader as ids.
  if (field.endsWith('Id')) return null;
  if (isMoney(value)) return p.yuan(value);
  if (typeof value === 'string') return /^\d{4}-\d\d-\d\dT/.test(value) ? p.local(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return listText(value, r);
  if (typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string')
    return (value as { name: string }).name;
  return null;
}

/** A team by its members' names; any other list by how many it holds. */
function listText(items: unknown[], r: Readers): string {
  const ids = memberIds(items);
  return ids && ids.length > 0 ? namesText(ids, r) : String(items.length);
}

/** "+ 赵工" when a list of people gained or lost members: the whole team again says less. */
function peopleJoinedOrLeft(change: { from: unknown; to: unknown }, r: Readers): string | null {
  const before = Array.isArray(change.from) ? memberIds(change.from) : null;
  const after = Array.isArray(change.to) ? memberIds(change.to) : null;
  if (!before || !after || (before.length === 0 && after.length === 0)) return null;
  const joined = after.filter((id) => !before.includes(id));
  const left = before.filter((id) => !after.includes(id));
  const parts = [
    ...(joined.length > 0 ? [`+ ${namesText(joined, r)}`] : []),
    ...(left.length > 0 ? [`− ${namesText(left, r)}`] : []),
  ];
  return parts.length > 0 ? parts.join(' ') : null;
}

/** The user ids of a list whose every item names one, or null for any other list. */
function memberIds(items: unknown[]): string[] | null {
  const ids = items.flatMap((item) => {
    const id = (item as { userId?: unknown } | null)?.userId;
    return typeof id === 'string' ? [id] : [];
  });
  return ids.length === items.length ? ids : null;
}

function namesText(ids: string[], r: Readers): string {
  return ids.map((id) => r.people.get(id) ?? '?').join(r.p.t('、', ', '));
}

function isMoney(value: unknown): value is Money {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Money).amount === 'number' &&
    typeof (value as Money).currency === 'string'
  );
}
