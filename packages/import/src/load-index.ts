import type { Crm } from '@gongfu/core';
import type { AccountIndex, ContactIndex } from './duplicate-index.js';

const PAGE = 500;
const ALL = { kind: 'all' } as const;

/**
 * Every live customer of the tenant into the index, page by page. Read unscoped on purpose: a
 * duplicate the importer cannot see is still a duplicate; who is told what is `describeMatch`'s.
 */
export async function loadAccountIndex(crm: Crm, index: AccountIndex): Promise<AccountIndex> {
  let cursor: string | undefined;
  do {
    const page = await crm.runAs(crm.system, (ctx) =>
      ctx.tx.accounts.list({
        where: { mergedIntoId: null },
        scope: ALL,
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      }),
    );
    for (const a of page.items) index.add(a);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return index;
}

export async function loadContactIndex(crm: Crm, index: ContactIndex): Promise<ContactIndex> {
  let cursor: string | undefined;
  do {
    const page = await crm.runAs(crm.system, (ctx) =>
      ctx.tx.contacts.list({ scope: ALL, limit: PAGE, ...(cursor ? { cursor } : {}) }),
    );
    for (const c of page.items) index.add(c);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return index;
}
