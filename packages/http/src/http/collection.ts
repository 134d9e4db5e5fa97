import { message, parseInput, renderBuiltIn, ValidationError } from '@gongfu/core';
// Registers the HTTP messages (the cursor refusal among them) wherever this module is loaded.
import '../errors/http-messages.js';
import { z } from 'zod';

/** Every collection the API answers with, paged or not: the items, and where the next page is. */
export interface Collection<T> {
  items: T[];
  /** Pass back as `?cursor=` for the next page; null on the last page. */
  nextCursor: string | null;
  /** This request with the cursor of the next page, relative to the server; null on the last. */
  next: string | null;
}

/** The request again, at another cursor: same path, same filters, same limit. */
export function nextLink(url: URL, cursor: string | null): string | null {
  if (cursor === null) return null;
  const params = new URLSearchParams(url.searchParams);
  params.set('cursor', cursor);
  return `${url.pathname}?${params.toString()}`;
}

/** `?cursor=&limit=` for a read whose result core returns whole (a record's history, a team). */
export const slicePageQuery = z.object({
  limit: z.number().int().min(1).max(500).default(50),
  cursor: z.string().max(100).optional(),
});

const PREFIX = 'o:';

const encodeOffset = (offset: number) =>
  btoa(`${PREFIX}${offset}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function decodeOffset(cursor: string): number {
  let text = '';
  try {
    text = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    // falls through to the refusal below
  }
  const offset = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : Number.NaN;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    const detail = message('http.cursor.invalid');
    throw new ValidationError([{ field: 'cursor', message: renderBuiltIn(detail), detail }]);
  }
  return offset;
}

/**
 * One page of a whole list, by an opaque offset cursor. The lists paged this way are bounded by
 * core (one record's history, a team, the reminders due), so slicing here keeps the HTTP contract
 * uniform without a second query; a list that grows without bound pages in storage instead.
 */
export function slicePage<T>(all: readonly T[], query: unknown): { items: T[]; nextCursor: string | null } {
  const { limit, cursor } = parseInput(slicePageQuery, query);
  const start = cursor === undefined ? 0 : decodeOffset(cursor);
  const end = start + limit;
  return { items: all.slice(start, end), nextCursor: end < all.length ? encodeOffset(end) : null };
}
