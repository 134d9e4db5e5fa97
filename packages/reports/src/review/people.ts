import type { CommandContext, HistoryEvent } from '@gongfu/core';

/**
 * Whose day the reviewer reads: an administrator reads everyone's, a manager their whole subtree
 * (not themselves), a salesperson without reports their own. Someone who has left still appears
 * when they did something that day.
 */
export function reviewedPeople(ctx: CommandContext): string[] {
  const { actor, org } = ctx;
  if (actor.role === 'admin') return [...ctx.users.keys()].filter((id) => id !== actor.id);
  const below = org.subtreeOf(actor.id).filter((id) => id !== actor.id);
  return below.length > 0 ? below : [actor.id];
}

/** Active people always get a section; others only when the day has events of theirs. */
export function peopleWithSections(
  ctx: CommandContext,
  people: readonly string[],
  events: readonly HistoryEvent[],
): string[] {
  const acted = new Set(events.map((e) => e.actorId));
  return people.filter((id) => ctx.users.get(id)?.active === true || acted.has(id));
}
