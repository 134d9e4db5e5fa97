import { IdempotencyKeyReusedError, isCrmError } from '../kernel/errors.js';
import type { Instant } from '../kernel/time.js';
import type { CrmStorage, StorageTx } from '../storage/crm-storage.js';

/** Object keys sorted at every depth, so equal inputs encode alike whatever their key order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function fingerprintOf(command: string, actorId: string, input: readonly unknown[]): string {
  return JSON.stringify(canonical([command, actorId, input]));
}

export interface IdempotentCall {
  key: string;
  command: string;
  fingerprint: string;
  ttlMs: number;
}

/**
 * Runs a command at most once per key: a resend with the same fingerprint gets the first result
 * back (and the transaction writes nothing), another fingerprint is IdempotencyKeyReusedError, an
 * expired key is forgotten. The key row is written in the command's own transaction, so a
 * rollback forgets it too. Two racing sends: the second's insert of the key waits on the first's
 * unique index entry and fails once it commits, so its work rolls back and it runs again, this
 * time finding the first result.
 */
export async function idempotentWrite<T>(
  storage: CrmStorage,
  tenantId: string,
  call: IdempotentCall,
  now: () => Instant,
  run: (tx: StorageTx) => Promise<T>,
): Promise<T> {
  const once = () =>
    storage.transaction({ tenantId }, async (tx) => {
      const at = now();
      const found = await tx.idempotency.find(call.key);
      if (found !== null && found.expiresAt > at) {
        if (found.fingerprint !== call.fingerprint)
          throw new IdempotencyKeyReusedError(call.key, found.command);
        return found.result as T;
      }
      if (found !== null) await tx.idempotency.remove(call.key);
      const result = await run(tx);
      await tx.idempotency.put({
        key: call.key,
        command: call.command,
        fingerprint: call.fingerprint,
        result: result === undefined ? null : result,
        createdAt: at,
        expiresAt: new Date(Date.parse(at) + call.ttlMs).toISOString() as Instant,
      });
      return result;
    });
  try {
    return await once();
  } catch (error) {
    if (isCrmError(error, 'CONFLICT') && (error as { entity?: string }).entity === 'idempotency')
      return once();
    throw error;
  }
}
