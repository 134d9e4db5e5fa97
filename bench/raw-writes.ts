/**
 * What both raw baselines write beside a record, computed the same way on either engine so the two
 * stay row for row what the service stores: the history diff, a new record's search keys and the
 * change-feed rows of one history entry.
 */
import { searchTermsOf } from '@gongfu/core';

const DAY_MS = 86_400_000;
export const plusDays = (at: string, days: number) => new Date(Date.parse(at) + days * DAY_MS).toISOString();

/** The record's `search` column: its names and numbers, lower case, one a line. */
export const search = (...parts: (string | null | undefined)[]) =>
  parts
    .filter((p): p is string => !!p)
    .join('\n')
    .toLowerCase();

export type Diff = Record<string, { from: unknown; to: unknown }>;
export type HistoryMeta = { effects?: object[]; [key: string]: unknown } | null;
export type SearchKind = 'lead' | 'account' | 'contact' | 'opportunity';

/** Every top-level field that differs, as the history log records it (creation: from null). */
export function changes(was: object | null, is: object): Diff {
  const before = (was ?? {}) as Record<string, unknown>;
  const after = is as Record<string, unknown>;
  const out: Diff = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'version' || key === 'updatedAt') continue;
    const from = before[key] ?? null;
    const to = after[key] ?? null;
    if (from !== to && JSON.stringify(from) !== JSON.stringify(to)) out[key] = { from, to };
  }
  return out;
}

/** A record's search keys, one per (field, term) at its first position, as the search store keeps them. */
export function searchKeyRows(
  kind: SearchKind,
  record: object,
): { field: string; term: string; pos: number }[] {
  const seen = new Map<string, { field: string; term: string; pos: number }>();
  for (const t of searchTermsOf(kind, record as never)) {
    const key = `${t.field}\u0000${t.term}`;
    const was = seen.get(key);
    if (was === undefined || t.pos < was.pos) seen.set(key, t);
  }
  return [...seen.values()];
}

/** The change-feed rows of one history entry: record created/changed, then one per lifecycle effect. */
export function feedRowsOf(
  actorId: string,
  entityType: string,
  entityId: string,
  name: string,
  at: string,
  version: number,
  diff: Diff,
  meta: HistoryMeta,
): { type: string; payload: object }[] {
  const base = { v: 1, at, actorId, entityType, entityId, version, name };
  const kind = version === 1 ? 'record.created' : 'record.changed';
  return [
    { type: kind, payload: { ...base, type: kind, changes: diff, meta } },
    ...(meta?.effects ?? []).map((effect) => ({
      type: 'lifecycle.effect',
      payload: { ...base, type: 'lifecycle.effect', effect },
    })),
  ];
}

/** The deal after advance's move to needs_analysis at `at`, as both raw baselines write it. */
export function movedToNeedsAnalysis<D extends { version: number }>(before: D, at: string): D {
  return {
    ...before,
    version: before.version + 1,
    updatedAt: at,
    stage: 'needs_analysis',
    probability: 20,
    stageEnteredAt: at,
  };
}

/** The history event of that move, as both raw baselines' history writers take it. */
export function stageChangedEvent<D extends { version: number; stage: string }>(
  dealId: string,
  before: D,
  after: D,
  at: string,
) {
  const meta: HistoryMeta = {
    from: before.stage,
    to: after.stage,
    effects: [{ type: 'stageEntered', stage: after.stage }],
  };
  return [
    'opportunity' as const,
    dealId,
    'opportunity.stage_changed',
    at,
    after.version,
    changes(before, after),
    meta,
  ] as const;
}
