import type { RecordBase } from '../domain/common.js';
import type { IdGenerator } from '../kernel/ports.js';
import type { Instant } from '../kernel/time.js';

/** The fields every new record starts with: its tenant, a fresh id, version 1, created and updated now. */
export function newRecordBase(tenantId: string, ids: IdGenerator, prefix: string, now: Instant): RecordBase {
  return { tenantId, id: ids.next(prefix), version: 1, createdAt: now, updatedAt: now };
}
