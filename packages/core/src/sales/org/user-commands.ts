import { idSchema } from '../../domain/common.js';
import {
  ConflictError,
  fieldIssue,
  NotFoundError,
  PermissionDeniedError,
  ValidationError,
} from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { Runner } from '../../service/runner.js';
import { stripUndefined } from '../../service/strip-undefined.js';
import { sayOrg as say } from './org-messages.js';
import {
  type CreateUserInput,
  createUserInput,
  type UpdateUserInput,
  type User,
  updateUserInput,
} from './user.js';
import { authorizeCreateUser, authorizeManageUser } from './user-management.js';

/**
 * Users and the org chart (组织架构): who sells, who manages whom, and who has left. The reporting
 * line decides what everyone may see, so only admins and the managers above a person change it.
 */
export interface UserCommands {
  /**
   * Add a person to the sales department. Admins may add anyone; a sales manager only someone who
   * reports into their own team, and never an administrator.
   * @example
   * ```ts
   * const jia = await crm.users.create(li, {
   *   name: '销售员甲', role: 'sales_rep', managerId: li.id, channel: 'key_account', email: 'jia@example.cn',
   * });
   * ```
   */
  create(actor: ActorRef, input: CreateUserInput): Promise<User>;
  /**
   * Change a person's name, e-mail, role, channel or manager. Only an admin or a manager above them
   * may, nobody may report to someone in their own team, and only an admin grants admin.
   * @example
   * ```ts
   * await crm.users.update(li, yi.id, { managerId: jia.id, expectedVersion: yi.version });
   * ```
   */
  update(actor: ActorRef, id: string, input: UpdateUserInput): Promise<User>;
  /**
   * The person left: from now on they can neither act nor see anything. Their records stay theirs
   * until a manager hands them over with `ownership.transfer`.
   * @example
   * ```ts
   * await crm.users.deactivate(li, yi.id);
   * await crm.ownership.transfer(li, { from: yi.id, to: jia.id });
   * ```
   */
  deactivate(actor: ActorRef, id: string): Promise<User>;
  /**
   * One person of the tenant, active or not.
   * @example
   * ```ts
   * const yi = await crm.users.get(li, yiId);
   * ```
   */
  get(actor: ActorRef, id: string): Promise<User>;
  /**
   * Everyone in the tenant, including those who left: names and reporting lines are not secret
   * inside a company.
   * @example
   * ```ts
   * const names = new Map((await crm.users.list(li)).map((u) => [u.id, u.name]));
   * ```
   */
  list(actor: ActorRef): Promise<User[]>;
}

function assertUniqueEmail(ctx: CommandContext, email: string | null | undefined, selfId?: string): void {
  if (!email) return;
  for (const u of ctx.users.values()) {
    if (u.email === email && u.id !== selfId)
      throw new ConflictError('user', say('org.conflict.email', { email, name: u.name }));
  }
}

/**
 * Users are read from the org cache the command opened with, not from the store again. A missing
 * user is NOT_FOUND like every missing record (a 404 over HTTP, not a 422 naming the path's id).
 */
function loadUser(ctx: CommandContext, rawId: string): User {
  const id = parseInput(idSchema, rawId);
  const user = ctx.users.get(id);
  if (!user) throw new NotFoundError('user', id);
  return user;
}

/** A new manager must be active and must not sit below the user: that would close a loop. */
function assertManagerFits(ctx: CommandContext, user: User, managerId: string): void {
  ctx.activeUser(managerId, 'manager');
  if (managerId === user.id || ctx.org.isAbove(user.id, managerId)) {
    throw new ValidationError([fieldIssue('managerId', say('org.invalid.ownTeamManager'))]);
  }
}

export function userCommands(run: Runner): UserCommands {
  return {
    create: (actor, input) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(createUserInput, input);
        const managerId = data.managerId ?? null;
        if (managerId) ctx.activeUser(managerId, 'manager');
        const decision = authorizeCreateUser(ctx.org, ctx.actor, { role: data.role, managerId });
        if (!decision.allowed)
          throw new PermissionDeniedError(say('org.action.createUsers'), decision.reasonDetail);
        assertUniqueEmail(ctx, data.email);
        const user: User = {
          ...ctx.stamp('user'),
          name: data.name,
          email: data.email ?? null,
          role: data.role,
          managerId,
          channel: data.channel ?? null,
          active: true,
          deactivatedAt: null,
        };
        return ctx.insert(ENTITY.user, user, 'user.created');
      }),

    update: (actor, id, input) =>
      run.write(actor, async (ctx) => {
        const data = parseInput(updateUserInput, input);
        const user = loadUser(ctx, id);
        const decision = authorizeManageUser(ctx.org, ctx.actor, user);
        if (!decision.allowed)
          throw new PermissionDeniedError(say('org.action.changeUser'), decision.reasonDetail);
        ctx.checkVersion('user', user, data.expectedVersion);
        if (data.managerId) assertManagerFits(ctx, user, data.managerId);
        if (data.role === 'admin' && ctx.actor.role !== 'admin')
          throw new PermissionDeniedError(say('org.action.grantAdmin'), say('org.denied.grantAdmin'));
        assertUniqueEmail(ctx, data.email, user.id);
        const { expectedVersion: _, ...changes } = data;
        return ctx.update<User>(ENTITY.user, user, stripUndefined(changes), 'user.updated');
      }),

    deactivate: (actor, id) =>
      run.write(actor, async (ctx) => {
        const user = loadUser(ctx, id);
        const decision = authorizeManageUser(ctx.org, ctx.actor, user);
        if (!decision.allowed)
          throw new PermissionDeniedError(say('org.action.deactivateUser'), decision.reasonDetail);
        if (!user.active) return user;
        return ctx.update(ENTITY.user, user, { active: false, deactivatedAt: ctx.now }, 'user.deactivated');
      }),

    get: (actor, id) => run.read(actor, async (ctx) => loadUser(ctx, id)),

    list: (actor) => run.read(actor, async (ctx) => [...ctx.users.values()]),
  };
}
