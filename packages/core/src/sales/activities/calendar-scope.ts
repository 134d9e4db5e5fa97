import { NotFoundError, PermissionDeniedError } from '../../kernel/errors.js';
import type { CommandContext } from '../../service/context.js';
import { sayActivity } from './activity-messages.js';

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
    sayActivity('activity.action.seeCalendar', { name: user.name }),
    sayActivity('activity.denied.notManager', { name: ctx.actor.name, user: user.name }),
  );
}
