import type { Instant } from '../kernel/time.js';

/** A command's first answer, kept under the idempotency key it was sent with. */
export interface IdempotencyRecord {
  /** The stored key: the sender's id and their key (`storedKeyOf`); bare in rows written before. */
  key: string;
  /** `<area>.<verb>` of the command. */
  command: string;
  /** The command, actor and input, canonically encoded: what a resend must match. */
  fingerprint: string;
  /** The first result, as JSON. */
  result: unknown;
  createdAt: Instant;
  expiresAt: Instant;
}

/**
 * Idempotency keys of one tenant. `put` MUST reject a key that exists (ConflictError), so of two
 * racing transactions with one key exactly one commits; `remove` deletes an expired one.
 */
export interface IdempotencyStore {
  find(key: string): Promise<IdempotencyRecord | null>;
  put(record: IdempotencyRecord): Promise<void>;
  remove(key: string): Promise<void>;
}
