import { batchBytes } from './batch-bytes.js';

/**
 * Several statements in ONE round trip over a `pg` client: every statement's Parse (only the first
 * time a named statement is used on the connection), Bind, Describe and Execute are written
 * back to back, then a single Sync. The server runs them in order and answers them in order; after
 * the first error it skips the rest up to the Sync. This is the extended-query protocol's own
 * pipelining, which `pg`'s Query (one Sync per statement, the next sent only after ReadyForQuery)
 * never does; it is handed to `client.query()` as a "submittable", the hook pg-cursor uses.
 */

/** The parts of pg's protocol connection a submittable writes to (pg 8). */
export interface PgProtocol {
  sendCopyFail(message: string): void;
  /** The socket (or any stream pg was given): the batch's bytes are written to it directly. */
  stream: { writable?: boolean; write(bytes: Buffer): unknown };
}

/** pg's Result: parses DataRow messages with the client's type parsers. */
export interface PgResultLike {
  command: string | null;
  rowCount: number | null;
  rows: unknown[];
  addFields(fields: unknown[]): void;
  parseRow(fields: unknown[]): unknown;
  addRow(row: unknown): void;
  addCommandComplete(msg: unknown): void;
}

export interface BatchStatement {
  text: string;
  values: readonly unknown[];
  /** A server-side prepared statement name, or undefined for the unnamed statement. */
  name?: string;
  /** Parse it under `name` in this batch (first use on this connection). */
  parse: boolean;
  /** Close a statement of that name first: an earlier batch may or may not have created it. */
  closeFirst?: boolean;
}

/** What each statement of a batch came to: its result, or skipped after an earlier error. */
export type StatementOutcome =
  | { ok: true; command: string | null; rowCount: number | null; rows: unknown[] }
  | { ok: false; error: unknown }
  | { ok: false; skipped: true };

export interface BatchResult {
  outcomes: StatementOutcome[];
  /** Index of the first failed statement, or -1. */
  failedAt: number;
}

/** One batch, handed to `client.query(batch)`; `done` settles when the server has answered it all. */
export class PgBatch {
  readonly done: Promise<BatchResult>;
  private resolve!: (result: BatchResult) => void;
  private readonly results: PgResultLike[];
  private readonly outcomes: StatementOutcome[] = [];
  private current = 0;
  private failedAt = -1;
  private settled = false;

  constructor(
    private readonly statements: readonly BatchStatement[],
    makeResult: () => PgResultLike,
    private readonly valueMapper: (value: unknown, index: number) => unknown,
  ) {
    this.results = statements.map(makeResult);
    this.done = new Promise((resolve) => {
      this.resolve = resolve;
    });
  }

  /**
   * Writes the whole batch to the socket at once: one buffer (`batchBytes`), the messages pg's
   * `parse`/`bind`/`describe`/`execute`/`sync` would write one by one, as pg's `_send` writes (not
   * when the stream is no longer writable: the connection's error ends the query).
   */
  submit(connection: PgProtocol): Error | null {
    let bytes: Buffer;
    try {
      bytes = batchBytes(this.statements, this.valueMapper);
    } catch (error) {
      // A value that cannot be written (its toPostgres throws, a BigInt inside a JSON parameter,
      // more parameters than the protocol counts): nothing is sent. Handed back, not thrown: pg
      // then fails this batch through `handleError` and is ready for the next query; a throw here
      // left the client waiting for the answer to a batch it never sent, its ROLLBACK queued
      // behind it and the pooled connection never released.
      return error instanceof Error ? error : new Error(String(error));
    }
    if (connection.stream.writable !== false) connection.stream.write(bytes);
    return null;
  }

  handleRowDescription(msg: { fields: unknown[] }): void {
    this.results[this.current]?.addFields(msg.fields);
  }

  handleDataRow(msg: { fields: unknown[] }): void {
    const result = this.results[this.current];
    if (result !== undefined) result.addRow(result.parseRow(msg.fields));
  }

  handleCommandComplete(msg: unknown): void {
    const result = this.results[this.current];
    if (result === undefined) return;
    result.addCommandComplete(msg);
    this.outcomes.push({ ok: true, command: result.command, rowCount: result.rowCount, rows: result.rows });
    this.current++;
  }

  handleEmptyQuery(): void {
    this.outcomes.push({ ok: true, command: null, rowCount: null, rows: [] });
    this.current++;
  }

  /**
   * The failing statement's error. pg drops its active query on an error message, so the batch is
   * settled here; pg itself holds the next query back until the server's ReadyForQuery.
   */
  handleError(error: unknown): void {
    if (this.failedAt === -1) {
      this.failedAt = this.current;
      this.outcomes.push({ ok: false, error });
    }
    this.finish();
  }

  handleReadyForQuery(): void {
    this.finish();
  }

  handlePortalSuspended(): void {}

  handleCopyInResponse(connection: PgProtocol): void {
    connection.sendCopyFail('COPY is not supported in a pipelined batch');
  }

  handleCopyData(): void {}

  private finish(): void {
    if (this.settled) return;
    this.settled = true;
    while (this.outcomes.length < this.statements.length) this.outcomes.push({ ok: false, skipped: true });
    this.resolve({ outcomes: this.outcomes, failedAt: this.failedAt });
  }
}
