/**
 * What the duplicate diagnostics (`duplicates-misses.ts`, `duplicates-split-u.ts`) share: their
 * flags and the corpus they read — either generator at N deals, with the source document's story
 * pair seeded when the generator did not plant it.
 */
import { pairKey } from '@gongfu/reports';
import { type Generated, generate } from './duplicates-data.js';
import { generate2, seedStoryPair } from './duplicates-data-2.js';

/** The value after `--name` on the command line, or `fallback`. */
export function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at > 0 ? (process.argv[at + 1] as string) : fallback;
}

/** Generator `gen` ('1' or '2') at `n` deals, the story pair among them. */
export function diagnosticData(n: number, gen: string): Generated {
  const data: Generated = gen === '1' ? generate(n) : generate2(n);
  if (!data.records.some((r) => r.id === 'story-a')) {
    const [a, b] = seedStoryPair();
    data.records.push(a, b);
    data.truth.set(pairKey(a.id, b.id), 'story');
  }
  return data;
}
