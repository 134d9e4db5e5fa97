import { fieldIssue, ValidationError } from '../kernel/errors.js';
import { sayInput } from '../kernel/input-messages.js';
import type { User } from '../sales/org/user.js';

/**
 * Who is acting. Commands take the user record (or just its id) and always reload the stored user,
 * so a stale copy in the caller's hands can never carry a role or a manager it no longer has.
 */
export type ActorRef = string | { readonly id: string };

/** The built-in actor for bootstrapping (creating the first admin) and for background jobs. */
export const SYSTEM_ACTOR_ID = 'system';

export const systemActor: { readonly id: string } = Object.freeze({ id: SYSTEM_ACTOR_ID });

/** The acting user's id; a missing or malformed actor is a ValidationError naming `actor`. */
export function actorIdOf(ref: ActorRef): string {
  const id: unknown = typeof ref === 'string' ? ref : (ref as { id?: unknown } | null | undefined)?.id;
  if (typeof id !== 'string' || id.trim() === '' || id.length > 100) {
    throw new ValidationError([fieldIssue('actor', sayInput('input.actor'))]);
  }
  return id;
}

/** The system actor as an admin user that exists in no table. */
export function systemUser(tenantId: string, at: string): User {
  return {
    tenantId,
    id: SYSTEM_ACTOR_ID,
    version: 1,
    createdAt: at,
    updatedAt: at,
    name: 'system',
    email: null,
    role: 'admin',
    managerId: null,
    channel: null,
    active: true,
    deactivatedAt: null,
  };
}
