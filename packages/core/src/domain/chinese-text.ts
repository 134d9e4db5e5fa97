import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

// Taiwan-standard traditional covers both the Taiwan and Hong Kong spellings sales staff paste in.
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

const HAN = /\p{Script=Han}/u;

/** Full-width forms (Ａ１（）) to ASCII, so typing on a Chinese keyboard does not make a new name. */
export function halfWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** Simplified, half-width, lower-case; traditional and simplified spellings of one name become one. */
export function simplify(text: string): string {
  const half = halfWidth(text.normalize('NFKC')).toLowerCase();
  return HAN.test(half) ? toSimplified(half) : half;
}

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/**
 * One tone-less syllable per character (Latin letters and digits pass through as one run each):
 * "恒通ABC" → ["heng", "tong", "abc"]. Search keys start at each syllable, so "hengtong" and "ht"
 * find 山东恒通 wherever the trade name sits.
 */
export function pinyinSyllables(text: string): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter((s) => s.length > 0);
}

/** Tone-less pinyin without separators ("恒通" → "hengtong"); Latin letters and digits pass through. */
export function pinyinKey(text: string): string {
  if (!hasHan(text)) return text.toLowerCase().replace(/[^a-z0-9]/g, '');
  let key = PINYIN_KEYS.get(text);
  if (key === undefined) {
    key = pinyin(text, { toneType: 'none', separator: '', nonZh: 'consecutive', v: true })
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    // Bounded: start over rather than grow without end in a long-lived server.
    if (PINYIN_KEYS.size >= PINYIN_KEYS_MAX) PINYIN_KEYS.clear();
    PINYIN_KEYS.set(text, key);
  }
  return key;
}

/** Trade names repeat (恒通 is in hundreds of names), and pinyin-pro costs tens of µs a call. */
const PINYIN_KEYS = new Map<string, string>();
const PINYIN_KEYS_MAX = 50_000;
