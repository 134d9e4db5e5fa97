import type { EntitySignal, EntitySignalName } from './types.js';

/**
 * One signal. `words` is false while a scan only weighs a pair: most candidate pairs fall below
 * the line, and their sentences (labels, pinyin, phone formatting) would be built for nothing.
 * Callers write `words && \`…\`` so a sentence is never even formatted then.
 */
export const signal = (
  name: EntitySignalName,
  level: string,
  weight: number,
  a: unknown,
  b: unknown,
  text: string | false,
): EntitySignal => ({ name, level, weight, a, b, text: text || '' });
