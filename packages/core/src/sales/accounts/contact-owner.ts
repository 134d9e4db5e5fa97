import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import { scanAll } from '../../service/scan-all.js';

/**
 * The people at a customer belong to whoever owns the customer: after a reassignment, a transfer
 * or a merge, every contact of `accountId` is rewritten to `ownerId` in the caller's transaction,
 * each with a new version and a history event, so the old owner loses them together with the
 * account (get, search, history and update all follow the contact's owner).
 */
export async function contactsFollowAccount(
  ctx: CommandContext,
  accountId: string,
  ownerId: string,
  meta: Record<string, unknown> = {},
): Promise<string[]> {
  const moved: string[] = [];
  for (const contact of await scanAll(ctx.tx.contacts, { accountId: [accountId] })) {
    if (contact.ownerId === ownerId) continue;
    await ctx.update(ENTITY.contact, contact, { ownerId }, 'contact.owner_followed_account', {
      ...meta,
      accountId,
      from: contact.ownerId,
      to: ownerId,
    });
    moved.push(contact.id);
  }
  return moved;
}
