import { hasHan, pinyinSyllables, simplify } from '../../domain/chinese-text.js';
import type { SearchProbe, SearchTerm } from '../../storage/search-term-store.js';
import { tradeNameStart } from './trade-name.js';

/** Keys start at the first few characters only: trade names sit after a region, not deep in a name. */
const MAX_START = 10;
/** A prefix probe never needs more of a key than a person types. */
const MAX_KEY = 40;

/** Simplified, half-width, lower-case, without spaces and punctuation: how names and queries compare. */
export function normaliseName(text: string): string {
  return simplify(text).replace(/[\s\p{P}\p{S}]/gu, '');
}

/**
 * A phone number's digits without the +86 / 0086 country prefix and the trunk 0 of an area code,
 * so "+86 531 8888 0000", "(0531) 8888-0000" and "053188880000" are one number.
 */
export function phoneDigits(text: string): string {
  let digits = text.replace(/\D/g, '');
  if (digits.startsWith('0086') && digits.length > 12) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length >= 12) digits = digits.slice(2);
  return digits.replace(/^0+/, '');
}

/** Local numbers are typed without their area code: a number is also found from each later digit, down to 7. */
const MIN_LOCAL = 7;

/** What one record is found by: its names, phone numbers and unified social credit code. */
export interface SearchSource {
  names: readonly string[];
  phones: readonly (string | null)[];
  creditCode?: string | null;
}

/** Every key of a record (the store keeps them; a search probes them by equality or prefix). */
export function searchTerms(source: SearchSource): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const name of source.names) {
    const norm = normaliseName(name);
    if (norm !== '') terms.push(...nameTerms(norm, hasHan(norm) ? pinyinSyllables(norm) : []));
  }
  for (const phone of source.phones) {
    const digits = phone === null ? '' : phoneDigits(phone);
    for (let pos = 0; pos === 0 || pos <= digits.length - MIN_LOCAL; pos++)
      if (digits.length >= 3) terms.push({ field: 'phone', term: digits.slice(pos), pos });
  }
  const code = source.creditCode?.trim().toLowerCase();
  if (code) terms.push({ field: 'credit', term: code, pos: 0 });
  return terms;
}

/**
 * The keys of one normalised name given its pinyin syllables (none for a Latin name): a bulk loader
 * that knows a name's parts may compose the syllables from theirs instead of converting each name.
 */
export function nameTerms(norm: string, syllables: readonly string[]): SearchTerm[] {
  // The whole name answers both the exact and the prefix probe, so `name` keys start at 1.
  const terms: SearchTerm[] = [{ field: 'exact', term: norm.slice(0, 200), pos: 0 }];
  const chars = [...norm];
  for (let pos = 1; pos < Math.min(chars.length, MAX_START); pos++)
    terms.push({ field: 'name', term: chars.slice(pos).join('').slice(0, MAX_KEY), pos });
  const trade = syllables.length > 0 ? tradeNameStart(chars) : 0;
  if (trade > 0)
    terms.push({ field: 'trade', term: chars.slice(trade).join('').slice(0, MAX_KEY), pos: trade });
  for (let pos = 0; pos < Math.min(syllables.length, MAX_START); pos++) {
    const rest = syllables.slice(pos);
    terms.push({ field: 'pinyin', term: rest.join('').slice(0, MAX_KEY), pos });
    terms.push({
      field: 'initials',
      term: rest
        .map((s) => s[0])
        .join('')
        .slice(0, MAX_KEY),
      pos,
    });
  }
  return terms;
}

/** How a hit matched, best first; `matched` in every search hit. */
export type SearchMatch =
  | 'exact'
  | 'credit_code'
  | 'phone'
  | 'prefix'
  | 'trade_name'
  | 'pinyin'
  | 'initials'
  | 'substring';

/**
 * A substring probe reads at most this many matching keys per hit wanted (visible or not), then
 * answers "more may match, refine the query" instead of reading on: 恒 alone is inside a large
 * share of all names, and reading every one of them for a rep who sees few is what cost seconds.
 */
export const SUBSTRING_KEYS_PER_HIT = 50;

/** One step of a search: a probe and the match it stands for, in rank order. */
export interface SearchStep {
  match: SearchMatch;
  score: number;
  probe: SearchProbe;
}

/**
 * The probes a query asks, best match first. An exact name comes before anything else, so a
 * search for a whole name always shows that record first; pinyin only for Latin queries.
 */
export function searchSteps(query: string, limit: number): SearchStep[] {
  const q = normaliseName(query);
  if (q === '') return [];
  const steps: SearchStep[] = [
    { match: 'exact', score: 100, probe: { field: 'exact', term: q, prefix: false } },
  ];
  if (/^[0-9a-z]{18}$/.test(q) || (/^[0-9a-z]{8,17}$/.test(q) && /\d/.test(q) && /[a-z]/.test(q)))
    steps.push({ match: 'credit_code', score: 95, probe: { field: 'credit', term: q, prefix: true } });
  const digits = phoneDigits(query);
  if (digits.length >= 5 && /^[\d\s\-+()./]+$/.test(query.trim()))
    steps.push({ match: 'phone', score: 90, probe: { field: 'phone', term: digits, prefix: true } });
  steps.push({ match: 'prefix', score: 80, probe: { field: 'exact', term: q, prefix: true } });
  steps.push({ match: 'trade_name', score: 70, probe: { field: 'trade', term: q, prefix: true } });
  if (/^[a-z]+$/.test(q)) {
    steps.push({ match: 'pinyin', score: 60, probe: { field: 'pinyin', term: q, prefix: true } });
    steps.push({ match: 'initials', score: 50, probe: { field: 'initials', term: q, prefix: true } });
  }
  steps.push({
    match: 'substring',
    score: 30,
    probe: { field: 'name', term: q, prefix: true, cap: limit * SUBSTRING_KEYS_PER_HIT },
  });
  return steps;
}
