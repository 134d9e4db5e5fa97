import { message } from '@gongfu/core';
import { HttpProblemError } from '../errors/http-problem.js';

// A record's version is its entity tag: `ETag: "3"`. `If-Match: "3"` on a write becomes the command's
// `expectedVersion`, so a stale copy is refused by the same compare-and-set that guards the SDK.

/** The strong entity tag of a record version. */
export const etagOf = (version: number) => `"${version}"`;

/** A stored record: something with a numeric version. */
export function versionOf(value: unknown): number | null {
  const v = typeof value === 'object' && value !== null ? (value as { version?: unknown }).version : null;
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
}

const TAG = /^"(\d{1,15})"$/;

/**
 * The version an `If-Match` header names; `*` (any current version) names none. Weak tags and lists
 * of several versions cannot be one expected version, so they are refused rather than ignored.
 */
export function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return undefined;
  const m = TAG.exec(value);
  if (!m) {
    throw new HttpProblemError('BAD_HEADER', message('http.detail.ifMatchMalformed'));
  }
  return Number(m[1]);
}

/** True when `If-None-Match` lists the current tag (or `*`): the client's copy is current. */
export function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}
