/**
 * The one better-sqlite3 connection is used by one holder at a time: a transaction, or a Kysely
 * query on the storage's root instance (tenants, migrations). Uncontended — the usual case — it is
 * taken without a promise or a tick, which Kysely's own mutex and per-transaction instance cost
 * on every command.
 */
export class ConnectionLock {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  /** Takes the lock: undefined when taken at once, else a promise that resolves once it is ours. */
  acquire(): Promise<void> | undefined {
    if (!this.held) {
      this.held = true;
      return undefined;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the lock to the next waiter in arrival order, or frees it. */
  release(): void {
    const next = this.waiting.shift();
    if (next !== undefined) next();
    else this.held = false;
  }
}
