import type { CommandContext } from '../../service/context.js';
import { ENTITY, type EntityKind } from '../../service/entities.js';
import { scanAll } from '../../service/scan-all.js';
import type { StorageTx } from '../../storage/crm-storage.js';

/** The part of every account child the merge touches. */
export interface AccountChild {
  id: string;
  version: number;
  updatedAt: string;
  accountId: string | null;
}

interface ChildSpec {
  kind: EntityKind<AccountChild>;
  /** The store filter selecting one account's children, or null when the store has none. */
  where(accountId: string): unknown;
}

const child = (kind: unknown, where: (accountId: string) => unknown): ChildSpec => ({
  kind: kind as EntityKind<AccountChild>,
  where,
});

/** Every kind of record that hangs off an account, keyed in a MergeRecord by its entity type. */
export const ACCOUNT_CHILDREN: readonly ChildSpec[] = [
  child(ENTITY.contact, (id) => ({ accountId: [id] })),
  // LeadFilter has no accountId, so leads are scanned whole and filtered here.
  child(ENTITY.lead, () => null),
  child(ENTITY.opportunity, (id) => ({ accountId: [id] })),
  child(ENTITY.order, (id) => ({ accountId: [id] })),
  child(ENTITY.serviceCase, (id) => ({ accountId: [id] })),
  child(ENTITY.activity, (id) => ({ accountId: [id] })),
  child(ENTITY.demoLoan, (id) => ({ accountId: [id] })),
  child(ENTITY.cost, (id) => ({ accountId: [id] })),
];

export async function childrenOf(tx: StorageTx, spec: ChildSpec, accountId: string): Promise<AccountChild[]> {
  const rows = await scanAll(spec.kind.store(tx), spec.where(accountId) ?? undefined);
  return rows.filter((r) => r.accountId === accountId);
}

/**
 * Point every given child at `to`: a new version and a history event each. A contact also takes
 * `toOwner`, the owner of the account it now belongs to, in the same write (contacts follow their
 * account's owner).
 */
export async function reparent(
  ctx: CommandContext,
  spec: ChildSpec,
  rows: readonly AccountChild[],
  to: string,
  toOwner: string,
  event: string,
  meta: Record<string, unknown>,
): Promise<string[]> {
  const ids: string[] = [];
  const changes =
    spec.kind === (ENTITY.contact as unknown) ? { accountId: to, ownerId: toOwner } : { accountId: to };
  for (const row of rows) {
    await ctx.update(spec.kind, row, changes, `${spec.kind.type}.${event}`, {
      ...meta,
      from: row.accountId,
      to,
    });
    ids.push(row.id);
  }
  return ids;
}
