import { z } from 'zod';
import { ConflictError, PermissionDeniedError, ValidationError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { Runner } from '../../service/runner.js';
import { stripUndefined } from '../../service/strip-undefined.js';
import {
  type CreateUserInput,
  createUserInput,
  type UpdateUserInput,
  type User,
  updateUserInput,
} from './user.js';
import { authorizeCreateUser, authorizeManageUser } from './user-management.js';

const idInput = z.string().trim().min(1, 'required').max(100);

function assertUniqueEmail(ctx: CommandContext, email: string | null | undefined, selfId?: string): void {
  if (!email) return;
  for (const u of ctx.users.values()) {
    if (u.email === email && u.id !== selfId)
      throw new ConflictError('user', `${email} is already used by ${u.name}`);
  }
}

function loadUser(ctx: CommandContext, id: string): User {
  const user = ctx.users.get(id);
  if (!user) throw new ValidationError([{ field: 'id', message: `no user ${id}` }]);
  return user;
}

export function userCommands(run: Runner) {
  return {
    /** Admins create anyone; a sales manager creates people inside their own team. */
    create: async (actor: ActorRef, input: CreateUserInput): Promise<User> =>
      run.write(actor, async (ctx) => {
        const data = parseInput(createUserInput, input);
        const managerId = data.managerId ?? null;
        if (managerId) ctx.activeUser(managerId, 'manager');
        const decision = authorizeCreateUser(ctx.org, ctx.actor, { role: data.role, managerId });
        if (!decision.allowed) throw new PermissionDeniedError('create users', decision.reason);
        assertUniqueEmail(ctx, data.email);
        const user: User = {
          tenantId: ctx.tx.tenantId,
          id: ctx.newId('user'),
          version: 1,
          createdAt: ctx.now,
          updatedAt: ctx.now,
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

    update: async (actor: ActorRef, id: string, input: UpdateUserInput): Promise<User> =>
      run.write(actor, async (ctx) => {
        const data = parseInput(updateUserInput, input);
        const user = loadUser(ctx, parseInput(idInput, id));
        const decision = authorizeManageUser(ctx.org, ctx.actor, user);
        if (!decision.allowed) throw new PermissionDeniedError('change this user', decision.reason);
        ctx.checkVersion('user', user, data.expectedVersion);
        if (data.managerId) {
          ctx.activeUser(data.managerId, 'manager');
          // Moving someone under their own subordinate would close a loop in the reporting tree.
          if (data.managerId === user.id || ctx.org.isAbove(user.id, data.managerId)) {
            throw new ValidationError([
              { field: 'managerId', message: 'a user cannot report to someone in their own team' },
            ]);
          }
        }
        if (data.role === 'admin' && ctx.actor.role !== 'admin')
          throw new PermissionDeniedError('grant admin', 'only an administrator may');
        assertUniqueEmail(ctx, data.email, user.id);
        const { expectedVersion: _, ...changes } = data;
        return ctx.update(ENTITY.user, user, stripUndefined(changes) as Partial<User>, 'user.updated');
      }),

    /** The person left: they can no longer act or see anything. Transfer their book with `ownership.transfer`. */
    deactivate: async (actor: ActorRef, id: string): Promise<User> =>
      run.write(actor, async (ctx) => {
        const user = loadUser(ctx, parseInput(idInput, id));
        const decision = authorizeManageUser(ctx.org, ctx.actor, user);
        if (!decision.allowed) throw new PermissionDeniedError('deactivate this user', decision.reason);
        if (!user.active) return user;
        return ctx.update(ENTITY.user, user, { active: false, deactivatedAt: ctx.now }, 'user.deactivated');
      }),

    get: async (actor: ActorRef, id: string): Promise<User> =>
      run.read(actor, async (ctx) => loadUser(ctx, parseInput(idInput, id))),

    /** Everyone in the tenant: names and reporting lines are not secret inside a company. */
    list: async (actor: ActorRef): Promise<User[]> => run.read(actor, async (ctx) => [...ctx.users.values()]),
  };
}
