import { isMessage, type Message, message, renderBuiltIn } from '@gongfu/core';
import { clausesOf, sayDuplicate } from '../duplicate-messages.js';
import { probabilityOf, sentence } from '../score-pair.js';
import type {
  EntityDuplicate,
  EntityKind,
  EntityScanOptions,
  EntitySide,
  EntitySignal,
  EntitySignalName,
} from './types.js';

/** Default cap: a block this large (a common trade name, a switchboard) is too common to tell anything. */
export const MAX_ENTITY_BLOCK = 50;
const PROGRESS_EVERY = 500;

export interface EntityScan<T> {
  kind: EntityKind;
  items: readonly T[];
  /** log2 prior odds that two candidate records are one. */
  prior: number;
  side: (t: T) => EntitySide;
  keys: (t: T) => string[];
  /** Every signal of a pair; with `words` false the same weights, and no sentences (cheaper). */
  signals: (x: T, y: T, words: boolean) => EntitySignal[];
  /** True for a pair never to propose (resolved by a manager). */
  exclude?: (x: T, y: T) => boolean;
  maxBlock?: number;
}

/** The prior plus every weight, rounded so that argument order cannot change the last bit. */
export function totalScore(prior: number, signals: readonly EntitySignal[]): number {
  let score = prior;
  for (const s of signals) score += s.weight;
  return Math.round(score * 1000) / 1000;
}

/** What blocking left to score: pairs `i < j` by item index, and how the blocks looked. */
export interface EntityBlocking {
  pairs: Map<number, Set<number>>;
  /** Distinct candidate pairs. */
  candidates: number;
  /** Keys shared by two or more items. */
  blocks: number;
  /** Of those, blocks over the cap, skipped: a key that common tells nothing. */
  capped: number;
}

/** Candidate pairs `i < j` from shared blocking keys, skipping blocks above the cap: never all pairs. */
export function candidatePairs(keysOf: readonly string[][], maxBlock: number): EntityBlocking {
  const blocks = new Map<string, number[]>();
  keysOf.forEach((keys, i) => {
    for (const k of keys) {
      const members = blocks.get(k);
      if (members) members.push(i);
      else blocks.set(k, [i]);
    }
  });
  const pairs = new Map<number, Set<number>>();
  let [candidates, shared, capped] = [0, 0, 0];
  for (const members of blocks.values()) {
    if (members.length < 2) continue;
    shared++;
    if (members.length > maxBlock) {
      capped++;
      continue;
    }
    for (let n = 0; n < members.length - 1; n++) {
      const i = members[n] as number;
      let set = pairs.get(i);
      if (!set) {
        set = new Set<number>();
        pairs.set(i, set);
      }
      for (let m = n + 1; m < members.length; m++) {
        const before = set.size;
        set.add(members[m] as number);
        candidates += set.size - before;
      }
    }
  }
  return { pairs, candidates, blocks: shared, capped };
}

/** The blocking step of a scan on its own, so a benchmark can time it and check what it kept. */
export function blockEntities<T>(scan: EntityScan<T>): EntityBlocking {
  return candidatePairs(scan.items.map(scan.keys), scan.maxBlock ?? MAX_ENTITY_BLOCK);
}

/** Scores every candidate pair once; returns the pairs at or above `minScore`, best first. */
export function scoreCandidates<T>(
  scan: EntityScan<T>,
  blocking: EntityBlocking,
  options: EntityScanOptions = {},
): EntityDuplicate[] {
  const minScore = options.minScore ?? 0;
  const { items } = scan;
  const found: EntityDuplicate[] = [];
  for (let i = 0; i < items.length; i++) {
    const x = items[i] as T;
    for (const j of blocking.pairs.get(i) ?? []) {
      const y = items[j] as T;
      if (scan.exclude?.(x, y)) continue;
      // Weigh first; only the few pairs above the line are worth their sentences.
      const score = totalScore(scan.prior, scan.signals(x, y, false));
      if (score < minScore) continue;
      const signals = scan.signals(x, y, true);
      found.push({
        kind: scan.kind,
        a: scan.side(x),
        b: scan.side(y),
        score,
        probability: probabilityOf(score),
        signals,
        explanation: explanationOf(signals, score),
      });
    }
    if (options.onProgress && ((i + 1) % PROGRESS_EVERY === 0 || i + 1 === items.length))
      options.onProgress(i + 1, items.length);
  }
  if (items.length === 0) options.onProgress?.(0, 0);
  found.sort((p, q) => q.score - p.score || (p.a.id + p.b.id < q.a.id + q.b.id ? -1 : 1));
  return found.slice(0, options.limit ?? 50);
}

/** Blocks, then scores the candidates: the whole scan. */
export function scanEntities<T>(scan: EntityScan<T>, options: EntityScanOptions = {}): EntityDuplicate[] {
  return scoreCandidates(scan, blockEntities(scan), options);
}

const ORDER: readonly EntitySignalName[] = [
  'credit_code',
  'name',
  'person_name',
  'account',
  'phone',
  'email',
  'region',
  'industry',
];

/**
 * The sentence a manager reads: the evidence for in a fixed order (identity, name, contact details),
 * then what speaks against. "Same company: 山东恒通 (Shandong) system integration" already says where
 * and what business, so region and industry are not repeated after it.
 */
/** Both forms of the explanation a pair carries. */
export const explanationOf = (signals: readonly EntitySignal[], score: number) => {
  const msg = entityExplanation(signals, score);
  return { text: sentence(renderBuiltIn(msg)), message: msg };
};

export function explainEntity(signals: readonly EntitySignal[], score = 0): string {
  return sentence(renderBuiltIn(entityExplanation(signals, score)));
}

/** The explanation as a message, to read in any locale: the same clauses, the deal sentence's joints. */
export function entityExplanation(signals: readonly EntitySignal[], score = 0): Message {
  const useful = signals.filter((s) => s.level !== 'unknown' && s.weight !== 0);
  const name = signals.find((s) => s.name === 'name');
  const labelled = name !== undefined && ['same', 'same_trade_name', 'same_pinyin'].includes(name.level);
  const pro = useful
    .filter((s) => s.weight > 0 && !(labelled && (s.name === 'region' || s.name === 'industry')))
    .sort((p, q) => ORDER.indexOf(p.name) - ORDER.indexOf(q.name));
  const contra = useful.filter((s) => s.weight < 0).sort((p, q) => p.weight - q.weight);
  // Only a pair the model believes is called one company; below the line it is only a shared trade name.
  const phrase = (s: EntitySignal): Message => {
    const said = s.message ?? message('duplicate.explanation.for', { pro: s.text });
    return s.name === 'name' && score >= 0 ? asCompany(said) : said;
  };
  const forIt = clausesOf(pro.map(phrase));
  const against = clausesOf(contra.map(phrase));
  if (pro.length > 0 && contra.length > 0)
    return sayDuplicate('duplicate.explanation.both', { pro: forIt, contra: against });
  if (pro.length > 0) return sayDuplicate('duplicate.explanation.for', { pro: forIt });
  if (contra.length > 0) return sayDuplicate('duplicate.explanation.against', { contra: against });
  return sayDuplicate('duplicate.explanation.none');
}

/** "Same trade name: …" becomes "same company: …" (notes kept) once the model believes the pair. */
function asCompany(m: Message): Message {
  if (m.key === 'entityDuplicate.name.sameTradeName')
    return { ...m, key: 'entityDuplicate.name.sameCompany' };
  if (m.key === 'entityDuplicate.name.withNotes' && isMessage(m.params.clause))
    return { ...m, params: { ...m.params, clause: asCompany(m.params.clause) } };
  return m;
}
