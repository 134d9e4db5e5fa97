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

/** Sørensen–Dice over character bigrams: 1 for equal strings, 0 for nothing in common. */
export function diceBigrams(x: string, y: string): number {
  if (x === y) return x.length === 0 ? 0 : 1;
  if (x.length < 2 || y.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < x.length - 1; i++) {
    const g = x.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < y.length - 1; i++) {
    const g = y.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      shared++;
      grams.set(g, n - 1);
    }
  }
  return (2 * shared) / (x.length - 1 + y.length - 1);
}
