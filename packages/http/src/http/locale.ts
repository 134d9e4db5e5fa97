/**
 * The best of the offered locales for an `Accept-Language` header (RFC 9110 §12.5.4): highest
 * weight first; an exact tag wins, then the same language (`zh-TW` → `zh-CN`, `en-US` → `en`);
 * `*` (any language, what `fetch` sends by default) or nothing that fits: undefined, and the
 * service's own default applies.
 */
export function negotiateLocale(header: string | undefined, offered: readonly string[]): string | undefined {
  if (!header || offered.length === 0) return undefined;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.tag !== '' && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranges) {
    if (tag === '*') return undefined;
    const exact = offered.find((o) => o.toLowerCase() === tag);
    if (exact) return exact;
    const language = tag.split('-')[0];
    const sameLanguage = offered.find((o) => o.toLowerCase().split('-')[0] === language);
    if (sameLanguage) return sameLanguage;
  }
  return undefined;
}
