import { PermissionDeniedError } from '../../kernel/errors.js';
import type { CommandContext } from '../../service/context.js';
import { sayOrg as say } from './org-messages.js';

/**
 * A record may be given to its creator, or by an admin or a manager to someone in their subtree.
 * Reps cannot hand work to each other behind their manager's back.
 */
export function assertAssignable(ctx: CommandContext, ownerId: string): void {
  const owner = ctx.activeUser(ownerId, 'owner');
  if (owner.id === ctx.actor.id || ctx.actor.role === 'admin') return;
  if (ctx.org.isAbove(ctx.actor.id, owner.id)) return;
  throw new PermissionDeniedError(
    say('org.action.assignRecords'),
    say('org.denied.notManager', { name: ctx.actor.name, owner: owner.name }),
  );
}
