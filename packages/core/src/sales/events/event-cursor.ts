import { fieldIssue, ValidationError } from '../../kernel/errors.js';
import { sayEvent } from './event-messages.js';

/**
 * A change-feed cursor: the position (the seq of the last event read) and a tag of the tenant whose
 * feed it was read from, `"<seq>.<tag>"`. Positions are numbered per tenant, so a position carried
 * over from another workspace would silently skip (or repeat) this one's events; the tag makes that
 * cursor a refusal instead. A bare position (`"42"`, the format before the tag) is still read.
 */
export function eventCursor(tenantId: string, seq: number): string {
  return `${seq}.${tenantTag(tenantId)}`;
}

/** The position a cursor names: 0 for null (the start); a ValidationError for anything unreadable. */
export function parseEventCursor(cursor: string | null, tenantId: string): number {
  if (cursor === null || cursor === undefined) return 0;
  // Checked before the pattern test, which would coerce an object (or throw on one without toString).
  const match = typeof cursor === 'string' ? /^(\d{1,15})(?:\.([0-9a-z]{1,8}))?$/.exec(cursor) : null;
  const position = match ? Number(match[1]) : Number.NaN;
  if (!Number.isSafeInteger(position) || (match?.[2] !== undefined && match[2] !== tenantTag(tenantId)))
    throw invalidCursor();
  return position;
}

export function invalidCursor(): ValidationError {
  return new ValidationError([fieldIssue('cursor', sayEvent('event.invalid.cursor'))]);
}

/** FNV-1a of the tenant id, base 36: tells workspaces apart, not a secret (the scope guards reads). */
function tenantTag(tenantId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < tenantId.length; i++) {
    hash ^= tenantId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
