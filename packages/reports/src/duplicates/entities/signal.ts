import { type Message, renderBuiltIn } from '@gongfu/core';
import type { EntitySignal, EntitySignalName } from './types.js';

/**
 * One signal. `words` is false while a scan only weighs a pair: most candidate pairs fall below
 * the line, and their sentences (labels, pinyin, phone formatting) would be built for nothing.
 * Callers write `words && say(…)` so a phrase is never even built then. The phrase is a message;
 * `text` is its English rendering.
 */
export const signal = (
  name: EntitySignalName,
  level: string,
  weight: number,
  a: unknown,
  b: unknown,
  phrase: Message | false,
): EntitySignal =>
  phrase
    ? { name, level, weight, a, b, text: renderBuiltIn(phrase), message: phrase }
    : { name, level, weight, a, b, text: '' };
