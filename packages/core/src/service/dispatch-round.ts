import { fieldIssue, ValidationError } from '../kernel/errors.js';
import { sayEvent } from '../sales/events/event-messages.js';
import type { CrmStorage } from '../storage/crm-storage.js';

/** What every background dispatcher (reminders, escalations, the change feed) is configured with. */
export interface DispatcherBase {
  storage: CrmStorage;
  /** The tenants this dispatcher serves, or `'all'` (the tenant list is re-read every round). */
  tenants: readonly string[] | 'all';
  /** Unique per process: claims are held in this name. */
  workerId: string;
  /** The most items claimed from ONE tenant per round (default 100): the fairness cap. */
  batchSize?: number;
  /** How long a claim holds before another dispatcher may take it over (default 60 s). */
  leaseMs?: number;
}

export function positiveInt(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new ValidationError([fieldIssue(field, sayEvent('dispatcher.invalid.positiveInt', { field }))]);
  }
  return value;
}

/** The checked batch size and lease, with their defaults; throws `ValidationError` on nonsense. */
export function dispatcherLimits(options: DispatcherBase): { batchSize: number; leaseMs: number } {
  const batchSize = positiveInt(options.batchSize ?? 100, 'batchSize');
  const leaseMs = positiveInt(options.leaseMs ?? 60_000, 'leaseMs');
  if (options.workerId.length === 0) {
    throw new ValidationError([fieldIssue('workerId', sayEvent('dispatcher.invalid.workerId'))]);
  }
  return { batchSize, leaseMs };
}

/**
 * The tenants of each round, in order: every tenant every round, the first one rotating from round
 * to round, so a tenant with thousands of due items never keeps a small one waiting behind it.
 */
export function tenantRotation(
  options: Pick<DispatcherBase, 'storage' | 'tenants'>,
): () => Promise<string[]> {
  let rotation = 0;
  return async () => {
    const tenants =
      options.tenants === 'all'
        ? (await options.storage.tenants.list()).map((t) => t.id)
        : [...options.tenants];
    if (tenants.length === 0) return [];
    const start = rotation % tenants.length;
    rotation += 1;
    return [...tenants.slice(start), ...tenants.slice(0, start)];
  };
}
