import type { Page } from '../../domain/common.js';

/** The query plus, when it looks like a phone number, its digits alone (people type numbers many ways). */
export function searchVariants(query: string): string[] {
  const digits = query.replace(/\D/g, '');
  const looksLikePhone = digits.length >= 5 && /^[\d\s\-+()./]+$/.test(query);
  return looksLikePhone && digits !== query ? [query, digits] : [query];
}

/**
 * Look each variant of the query up with `find` (a scoped list) and keep the first `limit`
 * distinct records in the order found, so "0535-6666 8888" also finds a number stored as
 * "053566668888".
 */
export async function searchByVariants<T extends { id: string }>(
  query: string,
  limit: number,
  find: (text: string) => Promise<Page<T>>,
): Promise<T[]> {
  const found = new Map<string, T>();
  for (const text of searchVariants(query)) {
    const page = await find(text);
    for (const row of page.items) if (found.size < limit) found.set(row.id, row);
  }
  return [...found.values()];
}
