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
  /** Whose key it is: keys are each user's own, so two users' equal keys never meet. */
  actorId: string;
  command: string;
  fingerprint: string;
  ttlMs: number;
}

/**
 * Where a user's key is stored: the actor's id before the key, so each user has a namespace of
 * their own (another user's equal key neither conflicts nor reveals its use). Ids never hold the
 * separator, so no key of one user can name another's slot.
 */
export function storedKeyOf(actorId: string, key: string): string {
  return `${actorId}\u001f${key}`;
}

/** The actor a fingerprint was made for (`fingerprintOf` puts it second). */
function actorOfFingerprint(fingerprint: string): unknown {
  try {
    return (JSON.parse(fingerprint) as unknown[])[1];
  } catch {
    return undefined;
  }
}

/**
 * The live record under this call's key: the actor's own, else one stored before keys were scoped
 * per actor (bare key) if that same actor sent it, so a resend across the upgrade still replays.
 */
async function findRecord(tx: StorageTx, call: IdempotentCall, at: Instant) {
  const own = await tx.idempotency.find(storedKeyOf(call.actorId, call.key));
  if (own !== null) return own;
  const legacy = await tx.idempotency.find(call.key);
  if (legacy === null || legacy.expiresAt <= at) return null;
  return actorOfFingerprint(legacy.fingerprint) === call.actorId ? legacy : null;
}

/**
 * Runs a command at most once per key and actor: a resend with the same fingerprint gets the first
 * result back (and the transaction writes nothing), another fingerprint is
 * IdempotencyKeyReusedError, an expired key is forgotten. A replay is admitted like a fresh call
 * (`admit`: a deactivated user's resend is refused, not answered from the store). The key row is
 * written in the command's own transaction, so a rollback forgets it too. Two racing sends: the
 * second's insert of the key waits on the first's unique index entry and fails once it commits, so
 * its work rolls back and it runs again, this time finding the first result.
 */
export async function idempotentWrite<T>(
  storage: CrmStorage,
  tenantId: string,
  call: IdempotentCall,
  now: () => Instant,
  admit: (tx: StorageTx) => Promise<unknown>,
  run: (tx: StorageTx) => Promise<T>,
): Promise<T> {
  const stored = storedKeyOf(call.actorId, call.key);
  const once = () =>
    storage.transaction({ tenantId }, async (tx) => {
      const at = now();
      const found = await findRecord(tx, call, at);
      if (found !== null && found.expiresAt > at) {
        await admit(tx);
        if (found.fingerprint !== call.fingerprint)
          throw new IdempotencyKeyReusedError(call.key, found.command);
        return found.result as T;
      }
      if (found !== null) await tx.idempotency.remove(stored);
      const result = await run(tx);
      await tx.idempotency.put({
        key: stored,
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
