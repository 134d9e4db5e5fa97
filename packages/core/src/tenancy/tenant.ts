import { z } from 'zod';
import { zodMessage } from '../kernel/input-messages.js';
import type { Instant } from '../kernel/time.js';
import { sayTenant } from './tenant-messages.js';

/** A workspace: one company using the CRM. Every other record belongs to exactly one. */
export interface Tenant {
  id: string;
  name: string;
  createdAt: Instant;
}

export const tenantIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, zodMessage(sayTenant('tenant.invalid.id')));

export const DEFAULT_TENANT_ID = 'default';

/** A new workspace: its id (part of every row's key, so chosen once) and the company's name. */
export const createTenantInput = z.strictObject({
  id: tenantIdSchema,
  name: z.string().trim().min(1).max(200),
});
export type CreateTenantInput = z.input<typeof createTenantInput>;

/** Import under `id` instead of the id in the file, e.g. to copy a workspace. */
export const importTenantOptions = z.strictObject({ id: tenantIdSchema.optional() });
export type ImportTenantOptions = z.input<typeof importTenantOptions>;

/** `force` is needed to delete the default workspace. */
export const deleteTenantOptions = z.strictObject({ force: z.boolean().optional() });
export type DeleteTenantOptions = z.input<typeof deleteTenantOptions>;
