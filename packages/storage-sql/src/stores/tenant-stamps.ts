import { StorageError } from '@gongfu/core';

/** What a stamp of the tenant row tracks: its org chart (users) or its product catalogue. */
export type StampKind = 'org' | 'catalogue';

/**
 * The stamps this storage last read per tenant, for engines where reading one costs a round trip
 * (PostgreSQL). A command then assumes the stamp instead of waiting for it, and asks the database
 * to check the assumption inside the transaction, with its next statement (`SqlTenantStamp`).
 * When the org chart or catalogue changed meanwhile the check fails, the transaction rolls back,
 * and the storage runs the command again with the stamp read for real (`StaleTenantStamp`).
 */
export class TenantStamps {
  private readonly known = new Map<string, string>();

  get(kind: StampKind, tenantId: string): string | undefined {
    return this.known.get(`${kind}:${tenantId}`);
  }

  remember(kind: StampKind, tenantId: string, stamp: string): void {
    this.known.set(`${kind}:${tenantId}`, stamp);
  }

  /** The next command reads the stamp for real (a user or product was written, or the check failed). */
  forget(kind: StampKind, tenantId: string): void {
    this.known.delete(`${kind}:${tenantId}`);
  }
}

/** An assumed stamp no longer holds: the storage reruns the command with a real read. */
export class StaleTenantStamp extends StorageError {
  constructor(
    readonly kind: StampKind,
    readonly tenantId: string,
  ) {
    super(
      `the ${kind === 'org' ? 'org chart' : 'product catalogue'} of tenant ${tenantId} changed since this server last read it`,
    );
  }
}
