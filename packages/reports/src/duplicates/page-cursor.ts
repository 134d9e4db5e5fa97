import { fieldIssue, ValidationError } from '@gongfu/core';
import { sayReport } from '../shared/report-messages.js';
import { pairKey } from './engine.js';
import type { DealDuplicate } from './types.js';

/**
 * Where the next page of the duplicate queue starts: after the last pair the reader was given, by
 * its place in the ranking (copy first, best score first, then pair key — the engine's `rank`), not
 * by a position. A position skipped pairs when the queue changed between pages: a manager who
 * marked a pair of page 1 "not a duplicate" moved every later pair up one, and the first pair of
 * page 2 was never shown (a newcomer's check). Resuming after the last pair's place, a pair settled
 * or added before it moves nothing after it; a pair whose score changed across it may be shown
 * twice or (moved above it) not again, as in any cursor over a changing ranking.
 */

/** A pair's place in the ranking, as the cursor carries it. */
export interface CursorPlace {
  copy: boolean;
  score: number;
  key: string;
}

const PREFIX = 'k:';
/** The id lengths a cursor may carry: ids are short; a long string is not a cursor. */
const MAX_ID = 200;

/** The cursor that resumes after `pair`. */
export function cursorAfter(pair: DealDuplicate): string {
  const place = [pair.copy ? 1 : 0, pair.score, pair.a.id, pair.b.id];
  return `${PREFIX}${Buffer.from(JSON.stringify(place)).toString('base64url')}`;
}

/**
 * Where a page starts in `ranked` (sorted as the engine ranks): 0 without a cursor, else the first
 * pair ranked after the cursor's place (`cursorPlace`).
 */
export function pageStart(ranked: readonly DealDuplicate[], after: CursorPlace | null): number {
  if (after === null) return 0;
  const at = ranked.findIndex((pair) => rankedAfter(pair, after));
  return at < 0 ? ranked.length : at;
}

/**
 * The place a cursor resumes after, read before anything is scanned; null without a cursor. A cursor
 * this module did not make is a ValidationError.
 */
export function cursorPlace(cursor: string | undefined): CursorPlace | null {
  if (cursor === undefined) return null;
  const decoded =
    typeof cursor === 'string' && cursor.startsWith(PREFIX) ? decode(cursor.slice(PREFIX.length)) : null;
  if (decoded === null)
    throw new ValidationError([fieldIssue('cursor', sayReport('report.invalid.notCursor'))]);
  return decoded;
}

function decode(body: string): CursorPlace | null {
  if (body.length > 4 * MAX_ID || !/^[A-Za-z0-9_-]+$/.test(body)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return null;
  const [copy, score, a, b] = parsed as unknown[];
  if (copy !== 0 && copy !== 1) return null;
  if (typeof score !== 'number' || !Number.isFinite(score)) return null;
  const id = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= MAX_ID;
  if (!id(a) || !id(b)) return null;
  return { copy: copy === 1, score, key: pairKey(a, b) };
}

/** Whether `pair` is ranked after `place`: copies first, then higher scores, then by pair key. */
function rankedAfter(pair: DealDuplicate, place: CursorPlace): boolean {
  if (pair.copy !== place.copy) return place.copy;
  if (pair.score !== place.score) return pair.score < place.score;
  return pairKey(pair.a.id, pair.b.id) > place.key;
}
