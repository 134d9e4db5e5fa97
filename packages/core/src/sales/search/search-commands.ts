import { z } from 'zod';
import type { Message } from '../../kernel/message.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { Runner } from '../../service/runner.js';
import type { StorageTx } from '../../storage/crm-storage.js';
import type { SearchKind } from '../../storage/search-term-store.js';
import { saySearch } from './search-messages.js';
import { type SearchMatch, searchSteps } from './search-terms.js';

const SEARCH_KINDS = ['account', 'contact', 'lead', 'opportunity'] as const satisfies readonly SearchKind[];

export const findInput = z.strictObject({
  q: z.string().trim().min(1).max(200),
  kinds: z.array(z.enum(SEARCH_KINDS)).min(1).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type FindInput = z.input<typeof findInput>;

/** One record found, with how it matched; hits come best first. */
export interface SearchHit {
  kind: SearchKind;
  id: string;
  /** The record's display name (account, contact or deal name; a lead's company). */
  name: string;
  /** Higher is better: 100 exact name, 95 credit code, 90 phone, 80 prefix, 70 trade name, 60 pinyin, 50 initials, 30 substring (less a little per character the match starts in). */
  score: number;
  matched: SearchMatch;
}

/** The hits of one search, best first, and whether more records may match than were looked at. */
export interface SearchResult {
  hits: SearchHit[];
  /**
   * Set (`search.more.refineQuery`) when the search stopped reading names that merely contain the
   * query before it found a full page: more visible records may match; a longer query finds them.
   * Exact names, prefixes, trade names, pinyin, phones and credit codes are never cut short.
   */
  more: Message | null;
}

/** One search over accounts, contacts, leads and deals (全局搜索). */
export interface SearchCommands {
  /**
   * Find records by name in simplified or traditional characters, by pinyin (full or initials),
   * by phone number in any format or by unified social credit code. Exact names come first, then
   * credit codes, phones, name prefixes, trade names (恒通 of 山东恒通系统集成有限公司), pinyin,
   * initials and substrings. Only records the actor may see are ever returned (the list scope,
   * applied in the database). A substring search reads a bounded number of names: when it stops
   * early, `more` says so (render it with `crm.say`).
   * @example
   * ```ts
   * const { hits } = await crm.search.find(jia, { q: 'hengtong' }); // 山东恒通系统集成有限公司, matched 'pinyin'
   * await crm.search.find(jia, { q: 'ht', kinds: ['account'] });      // initials
   * await crm.search.find(jia, { q: '恆通' });                         // traditional → 恒通, matched 'trade_name'
   * await crm.search.find(jia, { q: '+86 138 0013 8000' });          // phone digits
   * await crm.search.find(jia, { q: '91370100MA3C8XYW1K' });          // credit code
   * ```
   */
  find(actor: ActorRef, input: FindInput): Promise<SearchResult>;
}

/** The display name of each found record, read in one batch per kind. */
async function namesOf(tx: StorageTx, kind: SearchKind, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  switch (kind) {
    case 'account':
      return new Map((await tx.accounts.getMany(ids)).map((r) => [r.id, r.name]));
    case 'contact':
      return new Map((await tx.contacts.getMany(ids)).map((r) => [r.id, r.name]));
    case 'lead':
      return new Map((await tx.leads.getMany(ids)).map((r) => [r.id, r.company]));
    case 'opportunity':
      return new Map((await tx.opportunities.getMany(ids)).map((r) => [r.id, r.name]));
  }
}

export function searchCommands(run: Runner): SearchCommands {
  return {
    find: (actor, input) =>
      run.read(actor, async (ctx) => {
        const { q, kinds = SEARCH_KINDS, limit } = parseInput(findInput, input);
        const scope = ctx.scope();
        const found = new Map<string, Omit<SearchHit, 'name'>>();
        let capped = false;
        // Steps run best first and stop once the page is full, so a common prefix costs one short probe.
        for (const step of searchSteps(q, limit)) {
          const hits: Omit<SearchHit, 'name'>[] = [];
          for (const kind of kinds) {
            const left = limit - found.size;
            if (left <= 0) break;
            const answer = await ctx.tx.searchTerms.find(kind, step.probe, scope, left);
            capped ||= answer.capped;
            for (const hit of answer.hits) {
              if (!found.has(`${kind}:${hit.id}`))
                hits.push({
                  kind,
                  id: hit.id,
                  score: step.score - Math.min(hit.pos, 9),
                  matched: step.match,
                });
            }
          }
          hits.sort((a, b) => b.score - a.score);
          for (const hit of hits) if (found.size < limit) found.set(`${hit.kind}:${hit.id}`, hit);
          if (found.size >= limit) break;
        }
        const hits = [...found.values()];
        const names = new Map<SearchKind, Map<string, string>>();
        for (const kind of kinds)
          names.set(
            kind,
            await namesOf(
              ctx.tx,
              kind,
              hits.filter((h) => h.kind === kind).map((h) => h.id),
            ),
          );
        return {
          hits: hits.map((h) => ({ ...h, name: names.get(h.kind)?.get(h.id) ?? '' })),
          more: capped && found.size < limit ? saySearch('search.more.refineQuery', { q }) : null,
        };
      }),
  };
}
