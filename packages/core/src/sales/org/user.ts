import { z } from 'zod';
import { emailSchema, expectedVersionSchema, idSchema, type RecordBase, text } from '../../domain/common.js';
import { type Channel, channelSchema, roleSchema, type UserRole } from '../../domain/enums.js';
import type { Instant } from '../../kernel/time.js';

export interface User extends RecordBase {
  name: string;
  email: string | null;
  role: UserRole;
  /** Reporting line; null at the top of the tree. */
  managerId: string | null;
  /** The business line the user sells in, if any (reps usually have one). */
  channel: Channel | null;
  /** False once the person has left; their records are transferred, their history stays. */
  active: boolean;
  deactivatedAt: Instant | null;
}

export const createUserInput = z.strictObject({
  name: text(100),
  email: emailSchema.optional(),
  role: roleSchema,
  managerId: idSchema.nullable().optional(),
  channel: channelSchema.nullable().optional(),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export const updateUserInput = z.strictObject({
  name: text(100).optional(),
  email: emailSchema.nullable().optional(),
  role: roleSchema.optional(),
  managerId: idSchema.nullable().optional(),
  channel: channelSchema.nullable().optional(),
  expectedVersion: expectedVersionSchema,
});
export type UpdateUserInput = z.input<typeof updateUserInput>;
