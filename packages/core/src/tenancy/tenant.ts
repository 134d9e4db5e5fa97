import { z } from 'zod';
import type { Instant } from '../kernel/time.js';

/** A workspace: one company using the CRM. Every other record belongs to exactly one. */
export interface Tenant {
  id: string;
  name: string;
  createdAt: Instant;
}

export const tenantIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'tenant ids are 1–63 lowercase letters, digits, _ or -');

export const DEFAULT_TENANT_ID = 'default';
