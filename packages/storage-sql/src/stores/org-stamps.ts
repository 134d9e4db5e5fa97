import { StorageError } from '@gongfu/core';

/**
 * The org stamp this storage last read per tenant, for engines where reading it costs a round trip
 * (PostgreSQL). A command then assumes it instead of waiting for it, and asks the database to
 * check the assumption inside the transaction, with its first statement (`SqlOrgStamp`). When the
 * org chart changed meanwhile the check fails, the transaction rolls back, and the storage runs
 * the command again with a stamp read for real (`StaleOrgStamp`).
 */
export class OrgStamps {
  private readonly known = new Map<string, string>();

  get(tenantId: string): string | undefined {
    return this.known.get(tenantId);
  }

  remember(tenantId: string, stamp: string): void {
    this.known.set(tenantId, stamp);
  }

  /** The next command reads the stamp for real (a user was written, or the check failed). */
  forget(tenantId: string): void {
    this.known.delete(tenantId);
  }
}

/** The assumed org stamp no longer holds: the storage reruns the command with a real read. */
export class StaleOrgStamp extends StorageError {
  constructor(readonly tenantId: string) {
    super(`the org chart of tenant ${tenantId} changed since this server last read it`);
  }
}
