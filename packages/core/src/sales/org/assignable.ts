import { PermissionDeniedError } from '../../kernel/errors.js';
import type { CommandContext } from '../../service/context.js';

/**
 * A record may be given to its creator, or by an admin or a manager to someone in their subtree.
 * Reps cannot hand work to each other behind their manager's back.
 */
export function assertAssignable(ctx: CommandContext, ownerId: string): void {
  const owner = ctx.activeUser(ownerId, 'owner');
  if (owner.id === ctx.actor.id || ctx.actor.role === 'admin') return;
  if (ctx.org.isAbove(ctx.actor.id, owner.id)) return;
  throw new PermissionDeniedError('assign records', `${ctx.actor.name} does not manage ${owner.name}`);
}
