import { isCrmError, PermissionDeniedError } from '../../kernel/errors.js';
import type { Message } from '../../kernel/message.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY, type EntityKind } from '../../service/entities.js';
import type { DuplicateKind, DuplicateResolution } from '../../storage/duplicate-resolution-store.js';
import { sayDuplicate as say } from './duplicate-messages.js';

// biome-ignore lint/suspicious/noExplicitAny: each kind has its own record type; only owner and id are used.
export const DUPLICATE_KINDS: Record<DuplicateKind, EntityKind<any>> = {
  opportunity: ENTITY.opportunity,
  account: ENTITY.account,
  contact: ENTITY.contact,
};

/**
 * Settling a pair decides for two owners, so only someone responsible for both may do it: an admin,
 * or a manager above both. `ownerMayDecide` also lets one person who owns both records decide.
 */
export function assertMayResolve(
  ctx: CommandContext,
  owners: readonly [string, string],
  what: Message,
  ownerMayDecide: boolean,
): void {
  if (ctx.actor.role === 'admin') return;
  const [x, y] = owners;
  if (ctx.org.isAbove(ctx.actor.id, x) && ctx.org.isAbove(ctx.actor.id, y)) return;
  if (ownerMayDecide && x === ctx.actor.id && y === ctx.actor.id) return;
  throw new PermissionDeniedError(
    what,
    say('duplicate.denied.notAboveBoth', { name: ctx.actor.name, a: ctx.userName(x), b: ctx.userName(y) }),
  );
}

async function mayRead(ctx: CommandContext, kind: DuplicateKind, recordId: string): Promise<boolean> {
  try {
    await ctx.load(DUPLICATE_KINDS[kind], recordId);
    return true;
  } catch (error) {
    if (isCrmError(error, 'NOT_FOUND')) return false;
    throw error;
  }
}

/** Newest first, then by kind and pair: the order the store lists in, so merged kinds read the same. */
function newestFirst(p: DuplicateResolution, q: DuplicateResolution): number {
  for (const [x, y] of [
    [q.at, p.at],
    [p.kind, q.kind],
    [p.aId, q.aId],
    [p.bId, q.bId],
  ] as const) {
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** The latest `limit` verdicts of the given kinds (all when none are named), newest first. */
async function latestResolutions(
  ctx: CommandContext,
  kinds: readonly DuplicateKind[] | undefined,
  limit: number,
): Promise<DuplicateResolution[]> {
  const distinct = kinds === undefined ? [] : [...new Set(kinds)];
  if (distinct.length === 0 || distinct.length === Object.keys(DUPLICATE_KINDS).length)
    return ctx.tx.duplicates.list(undefined, limit);
  const lists = await Promise.all(distinct.map((kind) => ctx.tx.duplicates.list(kind, limit)));
  return lists.flat().sort(newestFirst).slice(0, limit);
}

/** The latest verdicts of the given kinds whose both records the actor may see. */
export async function visibleResolutions(
  ctx: CommandContext,
  kinds: readonly DuplicateKind[] | undefined,
  limit: number,
): Promise<DuplicateResolution[]> {
  const visible: DuplicateResolution[] = [];
  for (const r of await latestResolutions(ctx, kinds, limit)) {
    if ((await mayRead(ctx, r.kind, r.aId)) && (await mayRead(ctx, r.kind, r.bId))) visible.push(r);
  }
  return visible;
}
