import { locate } from './company-facets.js';
import type { PreparedAccount } from './prepared-entity.js';

/** How many accounts share one account's trade name: anywhere, and in its own province. */
interface Shared {
  province: string | null;
  anywhere: number;
  anywhereIn: Map<string, number>;
  inProvince: number;
  inProvinceIn: Map<string, number>;
}

/**
 * How many scanned accounts share a trade name, within a line of business and a province. Agreeing
 * on 恒通 means little where forty accounts are called 恒通 logistics, and much where two are: the
 * name's weight falls by a bit for every doubling of the accounts that share it.
 */
export class NameFrequency {
  private readonly shared = new Map<PreparedAccount, Shared>();

  constructor(accounts: Iterable<PreparedAccount>) {
    const counts = new Map<string, number>();
    const counted: [PreparedAccount, Keys][] = [];
    for (const p of accounts) {
      const keys = frequencyKeys(p);
      counted.push([p, keys]);
      for (const k of [keys.anywhere, ...keys.anywhereIn, keys.inProvince, ...keys.inProvinceIn])
        if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    // Looked up once per account here, so that weighing a pair builds no strings.
    const of = (key: string | null | undefined) => (key ? (counts.get(key) ?? 0) : 0);
    for (const [p, keys] of counted)
      this.shared.set(p, {
        province: keys.province,
        anywhere: of(keys.anywhere),
        anywhereIn: new Map(p.concepts.map((c, i) => [c, of(keys.anywhereIn[i])])),
        inProvince: of(keys.inProvince),
        inProvinceIn: new Map(p.concepts.map((c, i) => [c, of(keys.inProvinceIn[i])])),
      });
  }

  /**
   * Accounts sharing the trade name of `x` and `y` as narrowly as both records allow: in their
   * shared province and line of business when both are known (the rarest shared business counts).
   * 0 when the names differ in pinyin or an account was not counted.
   */
  sharing(x: PreparedAccount, y: PreparedAccount): number {
    const [sx, sy] = [this.shared.get(x), this.shared.get(y)];
    if (!sx || !sy || x.name.pinyin !== y.name.pinyin) return 0;
    const local = sx.province !== null && sx.province === sy.province;
    let fewest = local ? sx.inProvince : sx.anywhere;
    const within = local ? sx.inProvinceIn : sx.anywhereIn;
    for (const c of x.concepts) if (y.concepts.includes(c)) fewest = Math.min(fewest, within.get(c) ?? 0);
    return fewest;
  }
}

/** An account's counting keys: its name, and its name in each of its businesses, anywhere and in its province. */
interface Keys {
  province: string | null;
  anywhere: string | null;
  anywhereIn: string[];
  inProvince: string | null;
  inProvinceIn: string[];
}

function frequencyKeys(p: PreparedAccount): Keys {
  const py = p.name.pinyin;
  const province = locate(p.place).province;
  // A branch bears its company's name; it does not make the name any more common.
  if (py.length === 0 || p.name.branch)
    return { province, anywhere: null, anywhereIn: [], inProvince: null, inProvinceIn: [] };
  return {
    province,
    anywhere: `${py}::`,
    anywhereIn: p.concepts.map((c) => `${py}:${c}:`),
    inProvince: province ? `${py}::${province}` : null,
    inProvinceIn: province ? p.concepts.map((c) => `${py}:${c}:${province}`) : [],
  };
}

/**
 * Bits taken off a name match shared by `n` accounts: none while only the pair and a third record
 * (a company entered again) share it, then one per doubling of the others, at most four.
 */
export function commonNamePenalty(n: number): number {
  if (n <= 3) return 0;
  return Math.min(4, Math.round(Math.log2((n - 1) / 2) * 100) / 100);
}
