import { fieldIssue, ValidationError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import { accessOf, type CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { TeamMemberRow } from '../../storage/repositories.js';
import { type TeamMemberInput, teamMemberInput } from '../opportunities/opportunity.js';
import type { Account } from './account.js';
import { sayAccount as say } from './account-messages.js';

/*
 * The account team: presales and service engineers who must see the customer's facts (contacts,
 * account-level activities) without owning them. The Account record has no team field, so the team
 * store is the only copy; membership changes are logged on the account's history at its current
 * version because the account itself does not change.
 */

export async function addAccountTeamMember(
  ctx: CommandContext,
  account: Account,
  input: TeamMemberInput,
): Promise<TeamMemberRow[]> {
  const member = parseInput(teamMemberInput, input);
  ctx.activeUser(member.userId, 'team member');
  if (member.userId === account.ownerId) {
    throw new ValidationError([fieldIssue('userId', say('account.invalid.ownerOnTeam'))]);
  }
  const others = (await ctx.tx.teams.members(account.id)).filter(
    (m) => !m.isOwner && m.userId !== member.userId,
  );
  await ctx.setTeam(account.id, account.ownerId, [...others, member]);
  await ctx.history(
    'account',
    account.id,
    'account.team_member_added',
    null,
    null,
    account.version,
    {
      userId: member.userId,
      role: member.role,
      access: member.access,
    },
    accessOf(ENTITY.account, account),
  );
  return ctx.tx.teams.members(account.id);
}

export async function removeAccountTeamMember(
  ctx: CommandContext,
  account: Account,
  userId: string,
): Promise<TeamMemberRow[]> {
  const current = (await ctx.tx.teams.members(account.id)).filter((m) => !m.isOwner);
  const rest = current.filter((m) => m.userId !== userId);
  if (rest.length === current.length)
    throw new ValidationError([fieldIssue('userId', say('account.invalid.notOnTeam', { userId }))]);
  await ctx.setTeam(account.id, account.ownerId, rest);
  await ctx.history(
    'account',
    account.id,
    'account.team_member_removed',
    null,
    null,
    account.version,
    {
      userId,
    },
    accessOf(ENTITY.account, account),
  );
  return ctx.tx.teams.members(account.id);
}

/** Hand the account to a new owner; the team's owner row follows and the old owner leaves it. */
export async function changeAccountOwner(
  ctx: CommandContext,
  account: Account,
  ownerId: string,
): Promise<void> {
  const others = (await ctx.tx.teams.members(account.id)).filter((m) => !m.isOwner && m.userId !== ownerId);
  await ctx.setTeam(account.id, ownerId, others);
}
