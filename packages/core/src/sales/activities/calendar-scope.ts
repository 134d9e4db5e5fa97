import { NotFoundError, PermissionDeniedError } from '../../kernel/errors.js';
import type { CommandContext } from '../../service/context.js';
import type { ActivityFilter } from '../../storage/repositories.js';
import type { Activity } from './activity.js';

/**
 * Whose activities a calendar shows. Omitted: the actor's own. A named person: only when the actor
 * may see that person's records (self, an admin, or a manager above them). `team`: the actor and
 * everyone below them. The owner filter is ANDed with the actor's row scope in the database.
 */
export function calendarOwners(ctx: CommandContext, userId: string | undefined): string[] {
  if (userId === undefined) return [ctx.actor.id];
  if (userId === 'team') return ctx.org.subtreeOf(ctx.actor.id);
  const user = ctx.users.get(userId);
  if (!user) throw new NotFoundError('user', userId);
  if (user.id === ctx.actor.id || ctx.actor.role === 'admin' || ctx.org.isAbove(ctx.actor.id, user.id))
    return [user.id];
  throw new PermissionDeniedError(
    `see ${user.name}'s calendar`,
    `${ctx.actor.name} does not manage ${user.name}`,
  );
}

/** Every visible activity matching `where`, page by page (scoped in SQL, never fetched then filtered). */
export async function listAllActivities(ctx: CommandContext, where: ActivityFilter): Promise<Activity[]> {
  const out: Activity[] = [];
  const scope = ctx.scope();
  let cursor: string | undefined;
  do {
    const page = await ctx.tx.activities.list({ where, scope, limit: 500, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
