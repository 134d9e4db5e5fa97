import {
  fieldIssue,
  InvalidTransitionError,
  NotFoundError,
  PermissionDeniedError,
  ValidationError,
} from '../../kernel/errors.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { MergeRecord } from '../../storage/repositories.js';
import type { Account } from './account.js';
import { ACCOUNT_CHILDREN, childrenOf, reparent } from './account-children.js';
import { sayAccount as say } from './account-messages.js';

/**
 * Keys of `MergeRecord.moved` that are not child records but what the merge added to the survivor,
 * so undo can take exactly that back off again.
 */
const ADDED = {
  team: 'account_team',
  aliases: 'account.aliases',
  phones: 'account.phones',
  emails: 'account.emails',
};

/** Merging rewrites two customers' books, so only someone responsible for both owners may do it. */
function assertMayMerge(ctx: CommandContext, a: Account, b: Account): void {
  if (ctx.actor.role === 'admin') return;
  if (ctx.org.isAbove(ctx.actor.id, a.ownerId) && ctx.org.isAbove(ctx.actor.id, b.ownerId)) return;
  throw new PermissionDeniedError(
    say('account.action.merge'),
    say('account.denied.mergeNotAboveBoth', {
      name: ctx.actor.name,
      a: ctx.userName(a.ownerId),
      b: ctx.userName(b.ownerId),
    }),
  );
}

/** `values` not yet in `taken`, each once. */
function without(values: readonly string[], taken: readonly string[]): string[] {
  const seen = new Set(taken);
  const fresh: string[] = [];
  for (const v of values) {
    if (seen.has(v)) continue;
    seen.add(v);
    fresh.push(v);
  }
  return fresh;
}

export async function mergeAccounts(
  ctx: CommandContext,
  survivorId: string,
  mergedId: string,
): Promise<MergeRecord> {
  if (survivorId === mergedId)
    throw new ValidationError([fieldIssue('mergedId', say('account.invalid.mergeIntoItself'))]);
  const survivor = await ctx.load(ENTITY.account, survivorId);
  const merged = await ctx.load(ENTITY.account, mergedId);
  assertMayMerge(ctx, survivor, merged);
  for (const a of [survivor, merged]) {
    if (a.mergedIntoId)
      throw new InvalidTransitionError(
        'merged',
        'MERGE',
        say('account.refused.alreadyMerged', { name: a.name, into: a.mergedIntoId }),
      );
  }
  const id = ctx.newId('merge');
  const moved: Record<string, string[]> = {};
  for (const spec of ACCOUNT_CHILDREN) {
    const rows = await childrenOf(ctx.tx, spec, merged.id);
    moved[spec.kind.type] = await reparent(ctx, spec, rows, survivor.id, survivor.ownerId, 'account_merged', {
      mergeId: id,
    });
  }

  // The merged customer's account team (presales, service) keeps seeing the facts that moved.
  const survivorTeam = (await ctx.tx.teams.members(survivor.id)).filter((m) => !m.isOwner);
  const joining = (await ctx.tx.teams.members(merged.id)).filter(
    (m) => !m.isOwner && m.userId !== survivor.ownerId && !survivorTeam.some((s) => s.userId === m.userId),
  );
  await ctx.setTeam(survivor.id, survivor.ownerId, [...survivorTeam, ...joining]);
  moved[ADDED.team] = joining.map((m) => m.userId);

  const aliases = without([merged.name, ...merged.aliases], [survivor.name, ...survivor.aliases]);
  const phones = without(merged.phones, survivor.phones);
  const emails = without(merged.emails, survivor.emails);
  Object.assign(moved, { [ADDED.aliases]: aliases, [ADDED.phones]: phones, [ADDED.emails]: emails });
  await ctx.update(
    ENTITY.account,
    survivor,
    {
      aliases: [...survivor.aliases, ...aliases],
      phones: [...survivor.phones, ...phones],
      emails: [...survivor.emails, ...emails],
    },
    'account.merged',
    { mergeId: id, mergedId: merged.id },
  );
  await ctx.update(ENTITY.account, merged, { mergedIntoId: survivor.id }, 'account.merged_into', {
    mergeId: id,
    survivorId: survivor.id,
  });

  const record: MergeRecord = {
    id,
    entityType: 'account',
    survivorId: survivor.id,
    mergedId: merged.id,
    moved,
    mergedBy: ctx.actor.id,
    mergedAt: ctx.now,
    undoneAt: null,
    version: 1,
  };
  await ctx.tx.merges.insert(record);
  return record;
}

/**
 * Re-point exactly the children the merge moved. Children edited since the merge still go back
 * (their edits stay; only the account link is reverted), but one since moved to a third account
 * on purpose is left where someone put it.
 */
export async function undoAccountMerge(ctx: CommandContext, mergeId: string): Promise<MergeRecord> {
  const merge = await ctx.tx.merges.get(mergeId);
  if (merge?.entityType !== 'account' || !merge) throw new NotFoundError('merge', mergeId);
  const survivor = await ctx.load(ENTITY.account, merge.survivorId);
  const merged = await ctx.load(ENTITY.account, merge.mergedId);
  assertMayMerge(ctx, survivor, merged);
  if (merge.undoneAt)
    throw new InvalidTransitionError(
      'undone',
      'UNDO_MERGE',
      say('account.refused.mergeUndone', { at: String(merge.undoneAt) }),
    );

  for (const spec of ACCOUNT_CHILDREN) {
    const rows = await spec.kind.store(ctx.tx).getMany(merge.moved[spec.kind.type] ?? []);
    const back = rows.filter((r) => r.accountId === survivor.id);
    await reparent(ctx, spec, back, merged.id, merged.ownerId, 'merge_undone', { mergeId });
  }

  const joined = new Set(merge.moved[ADDED.team] ?? []);
  const team = (await ctx.tx.teams.members(survivor.id)).filter((m) => !m.isOwner && !joined.has(m.userId));
  await ctx.setTeam(survivor.id, survivor.ownerId, team);

  const drop = (values: readonly string[], key: string) => {
    const added = new Set(merge.moved[key] ?? []);
    return values.filter((v) => !added.has(v));
  };
  await ctx.update(
    ENTITY.account,
    survivor,
    {
      aliases: drop(survivor.aliases, ADDED.aliases),
      phones: drop(survivor.phones, ADDED.phones),
      emails: drop(survivor.emails, ADDED.emails),
    },
    'account.merge_undone',
    { mergeId, mergedId: merged.id },
  );
  await ctx.update(ENTITY.account, merged, { mergedIntoId: null }, 'account.unmerged', {
    mergeId,
    survivorId: survivor.id,
  });
  const undone: MergeRecord = { ...merge, undoneAt: ctx.now, version: merge.version + 1 };
  await ctx.tx.merges.update(undone, merge.version);
  return undone;
}
