import { type CrmError, isCrmError, StorageError } from '@gongfu/core';
import { type ExecuteFn, fixedQuery, postgresEngine, type WriteOptions } from '@gongfu/storage-sql';
import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';
import { GENERIC_PLAN_OFF, GENERIC_PLAN_ON } from './generic-plan.js';
import { type BatchResult, type BatchStatement, PgBatch, type PgResultLike } from './pg-batch.js';
import { statementName } from './statement-names.js';

/** The `pg` client as the pipeline drives it: `query(submittable)` plus the private type parsers. */
export interface PgClientLike {
  query(submittable: PgBatch): unknown;
  release(error?: Error | boolean): void;
  readonly pipeline?: boolean;
  readonly connection?: { parse?: unknown };
}

/** What the pipeline needs from the `pg` module: its Result (row parsing) and value encoding. */
export interface PgRuntime {
  makeResult: (client: PgClientLike) => PgResultLike;
  prepareValue: (value: unknown, index: number) => unknown;
}

/** A statement waiting for the next round trip. */
interface Pending {
  statement: BatchStatement;
  /** Absent for the trailing statement whose rows a caller awaits. */
  write?: WriteOptions & { session?: boolean };
}

/** A read someone waits for, until the round trip it joined is answered. */
interface Asked {
  statement: BatchStatement;
  resolve: (result: QueryResult<unknown>) => void;
  reject: (error: unknown) => void;
}

/** A compare-and-set that changed no row, made to fail on the server so COMMIT can share its trip. */
const LOST_CAS = '22012';
const casText = new Map<string, string>();

function failOnNoRow(text: string): string {
  let wrapped = casText.get(text);
  if (wrapped === undefined) {
    wrapped = `with w as (${text} returning 1) select 1 / count(*)::int as ok from w`;
    casText.set(text, wrapped);
  }
  return wrapped;
}

function toQueryResult<R>(outcome: { command: string | null; rowCount: number | null; rows: unknown[] }) {
  const { command, rowCount, rows } = outcome;
  const writes = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
  return {
    rows: rows as R[],
    ...(writes ? { numAffectedRows: BigInt(rowCount ?? 0) } : {}),
  } as QueryResult<R>;
}

/**
 * One `pg` client seen through a write-behind queue: writes nobody waits for (`defer`) are held
 * and sent, in order, in the same round trip as the next statement someone does wait for
 * (`query`) or as COMMIT. So a command costs one round trip per read it makes plus one, instead
 * of one per statement. Hot statements are named and prepared once per connection.
 *
 * After any statement fails, the server has aborted the transaction: the connection then refuses
 * every statement with the first error until `rollback()`.
 */
export class PipelineConnection implements DatabaseConnection {
  private queue: Pending[] = [];
  /** Named statements on this connection: parsed, or possibly parsed by a batch that failed. */
  private readonly prepared = new Map<string, 'parsed' | 'maybe'>();
  /** The schema the connection's search_path names (set when a storage with another schema borrows it). */
  private schema: string | undefined;
  /**
   * The current transaction set the search_path. It runs in the same implicit block as BEGIN, so
   * it is part of the transaction: a rollback undoes it, and it must then be sent again.
   */
  private schemaInTx = false;
  /** A transaction is open (its BEGIN may still be queued). */
  private open = false;
  /** Some statement of the current transaction reached the server. */
  private sent = false;
  /** The transaction's set-up (search_path, BEGIN, tenant binding), replayed to re-read after a rollback. */
  private setup: BatchStatement[] = [];
  /** The first error of the current transaction, once it has failed. */
  private failure: unknown = null;
  /** Reads asked for since the last send: they travel together, after the queued writes. */
  private asked: Asked[] = [];
  /**
   * A read-only transaction ended whose COMMIT has not been sent yet (`endReadOnly`): it goes first
   * in the next round trip on this connection, whatever that carries, or alone (`flushCommit`).
   */
  private commitOwed = false;
  /** Round trips made (for tests and the benchmark's accounting). */
  roundTrips = 0;

  constructor(
    readonly client: PgClientLike,
    private readonly runtime: PgRuntime,
  ) {}

  /** Starts a transaction: BEGIN (and the search_path when the schema differs) travel with the first statement. */
  begin(mode: 'write' | 'read', schema: string | undefined): void {
    this.failure = null;
    this.queue = [];
    this.setup = [];
    this.sent = false;
    this.open = true;
    this.schemaInTx = schema !== undefined && schema !== this.schema;
    if (this.schemaInTx) {
      this.session(`set search_path to "${schema}"`);
      this.schema = schema;
    }
    this.session(
      mode === 'read'
        ? 'begin isolation level repeatable read read only'
        : 'begin isolation level read committed',
    );
  }

  /** Queues a write; its failure surfaces at the next `query` or at `commit`. */
  defer(query: CompiledQuery, options: WriteOptions & { session?: boolean }): void {
    this.assertUsable();
    const text = options.expectOne === undefined ? query.sql : failOnNoRow(query.sql);
    const statement = this.statement(text, query.parameters, options.hot);
    if (options.session === true) this.setup.push(statement);
    this.queue.push({ statement, write: options });
  }

  /**
   * Runs one statement after everything queued and returns its rows. Reads asked for together (a
   * `Promise.all` of lists) share one round trip: the first schedules the send for when the code
   * that asked has run to its next wait (`process.nextTick`, after the promise jobs), and each read
   * asked for until then joins the batch, in the order asked.
   */
  query<R>(
    text: string,
    values: readonly unknown[],
    hot = false,
    genericPlan = false,
  ): Promise<QueryResult<R>> {
    this.assertUsable();
    const statement = this.statement(text, values, hot);
    return new Promise<QueryResult<R>>((resolve, reject) => {
      if (this.asked.length === 0) process.nextTick(() => void this.sendAsked());
      const asked: Asked = { statement, resolve: resolve as (result: QueryResult<unknown>) => void, reject };
      // Joined as one unit, so no other read of the batch runs between the switch and its undoing.
      // Generic-planned reads asked one after another share one switch (a customer's timeline
      // asks for eight lists at once: two statements more, not sixteen); so do those asked with
      // only plain SELECTs between (a rollup's two aggregates, each an owners' arm and a generic
      // outsiders' arm): none of them waits on another's answer, so their order within the batch is free.
      if (!genericPlan) this.asked.push(asked);
      else if (!this.joinLastSwitch(asked)) {
        this.asked.push(this.unanswered(GENERIC_PLAN_ON), asked, this.unanswered(GENERIC_PLAN_OFF));
      }
    });
  }

  /** Puts a generic read before the batch's last switch-off when only plain SELECTs follow it. */
  private joinLastSwitch(asked: Asked): boolean {
    const texts = this.asked.map((a) => a.statement.text);
    const off = texts.lastIndexOf(GENERIC_PLAN_OFF);
    if (off < 0 || !texts.slice(off + 1).every((t) => /^select\s/i.test(t))) return false;
    this.asked.splice(off, 0, asked);
    return true;
  }

  /** A statement of the batch whose answer nobody reads (its failure fails the batch's reads). */
  private unanswered(text: string): Asked {
    return { statement: this.statement(text, [], true), resolve: () => {}, reject: () => {} };
  }

  private async sendAsked(): Promise<void> {
    const asked = this.asked;
    this.asked = [];
    if (asked.length === 0) return;
    if (this.failure !== null) {
      for (const a of asked) a.reject(this.failure);
      return;
    }
    const before = this.queue.length;
    try {
      const { outcomes } = await this.send(asked.map((a) => ({ statement: a.statement })));
      asked.forEach((a, i) => {
        const outcome = outcomes[before + i];
        if (outcome === undefined || !outcome.ok)
          a.reject(new StorageError('the statement was not answered'));
        else a.resolve(toQueryResult(outcome));
      });
    } catch (error) {
      // The first failure fails the transaction: each read after it gets that error, as it would
      // have from the next statement sent alone; the failed read itself gets its own error.
      for (const a of asked) a.reject(error);
    }
  }

  /** Sends whatever is queued and COMMIT together; a queued write's failure rolls back instead. */
  async commit(): Promise<void> {
    // Reads asked for and not awaited go first, as they would have been sent before COMMIT.
    if (this.asked.length > 0) await this.sendAsked();
    if (this.failure !== null) throw this.failure;
    if (!this.open) return;
    if (!this.sent && this.queue.every((p) => p.write?.session === true)) {
      // Nothing but the set-up was asked for: no statement needs to reach the server.
      this.queue = [];
      this.open = false;
      return;
    }
    const { outcomes } = await this.send([{ statement: this.statement('commit', [], false) }]);
    this.open = false;
    this.schemaInTx = false;
    const last = outcomes[outcomes.length - 1];
    if (last?.ok && last.command === 'ROLLBACK')
      throw new StorageError('the transaction was rolled back instead of committed');
  }

  /**
   * Ends a read-only transaction without a round trip of its own when everything it asked for has
   * been answered: nothing it did can fail at COMMIT, so the COMMIT is owed (`owesCommit`) and
   * travels first in the connection's next round trip — the next transaction's first statements,
   * when one takes the connection within the same turn of the event loop — or alone
   * (`flushCommit`). Sent at once instead, it cost a socket write and a server wake-up of its own,
   * and the next transaction on the connection waited for its answer before its first statement.
   */
  async endReadOnly(): Promise<void> {
    if (this.asked.length > 0) await this.sendAsked();
    if (this.failure !== null) throw this.failure;
    if (!this.open) return;
    if (this.queue.some((p) => p.write?.session !== true)) {
      // A check still queued (the org stamp a command assumed and never read past): it must run.
      await this.commit();
      return;
    }
    if (!this.sent) {
      this.queue = [];
      this.ended();
      return;
    }
    this.queue = [];
    this.open = false;
    this.schemaInTx = false;
    this.commitOwed = true;
  }

  /** A read-only transaction's COMMIT is still to be sent (the connection must not go back to a pool). */
  get owesCommit(): boolean {
    return this.commitOwed;
  }

  /** Sends an owed COMMIT alone, without waiting for its answer (pg queues the next statement behind it). */
  flushCommit(): void {
    if (this.commitOwed) void this.sendBatch([]);
  }

  /**
   * Ends a failed or abandoned transaction. Queued writes are dropped, but a queued check (the org
   * stamp a command assumed) is still sent, with ROLLBACK: a command that gave up before its first
   * round trip may have done so on a stale org chart, and then returns the check's error (the
   * storage reruns it) instead of its own.
   */
  async rollback(): Promise<unknown> {
    const pending = this.queue;
    this.queue = [];
    const asked = this.asked;
    this.asked = [];
    for (const a of asked) a.reject(new StorageError('the transaction was rolled back'));
    this.failure = null;
    if (!this.open) return undefined;
    const unchecked = pending.some((p) => p.write?.assertion !== undefined);
    const wasSent = this.sent;
    this.ended();
    if (!unchecked) {
      if (wasSent) await this.sendBatch([this.statement('rollback', [], false)]);
      return undefined;
    }
    const statements = pending.filter((p) => p.write?.session === true || p.write?.assertion !== undefined);
    const result = await this.sendBatch([
      ...statements.map((p) => p.statement),
      this.statement('rollback', [], false),
    ]);
    if (result.failedAt === -1) return undefined;
    await this.sendBatch([this.statement('rollback', [], false)]);
    const failed = statements[result.failedAt];
    const outcome = result.outcomes[result.failedAt];
    const code =
      outcome !== undefined && 'error' in outcome ? (outcome.error as { code?: unknown })?.code : undefined;
    return failed?.write?.assertion !== undefined && code === LOST_CAS ? failed.write.assertion() : undefined;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.query<R>(query.sql, query.parameters);
  }

  // biome-ignore lint/correctness/useYield: streaming is not offered on a pipelined connection.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new StorageError('streaming queries are not supported inside a Gongfu transaction');
  }

  /** The transaction is over without a commit: whatever it set is undone. */
  private ended(): void {
    this.open = false;
    if (this.schemaInTx) this.schema = undefined;
    this.schemaInTx = false;
  }

  private session(text: string): void {
    this.defer(fixedQuery(text), { entity: 'transaction', session: true });
  }

  private assertUsable(): void {
    if (this.failure !== null) throw this.failure;
    if (!this.open) throw new StorageError('no transaction is open on this connection');
  }

  private statement(text: string, values: readonly unknown[], hot: boolean | undefined): BatchStatement {
    return hot
      ? { text, values, name: statementName(this.schema, text), parse: false }
      : { text, values, parse: true };
  }

  /** The queue plus `last`, in one round trip; throws the first failure, mapped to a domain error. */
  private async send(last: Pending[]): Promise<BatchResult> {
    const pending = [...this.queue, ...last];
    this.queue = [];
    const result = await this.sendBatch(pending.map((p) => p.statement));
    if (result.failedAt === -1) return result;
    const failed = pending[result.failedAt] as Pending;
    const outcome = result.outcomes[result.failedAt];
    const error =
      outcome !== undefined && 'error' in outcome ? outcome.error : new StorageError('statement failed');
    this.failure = await this.domainError(failed, error);
    throw this.failure;
  }

  private async sendBatch(batched: BatchStatement[]): Promise<BatchResult> {
    // An owed COMMIT goes first; its outcome is taken off again below, so callers see their own.
    const owed = this.commitOwed;
    this.commitOwed = false;
    const statements = owed ? [this.statement('commit', [], false), ...batched] : batched;
    // Whether each named statement must be parsed is decided here, as the batch is written: the
    // same hot statement may be queued twice before either reaches the server.
    const parsedHere = new Set<string>();
    for (const s of statements) {
      if (s.name === undefined) continue;
      const state = this.prepared.get(s.name);
      s.parse = state !== 'parsed' && !parsedHere.has(s.name);
      s.closeFirst = s.parse && state === 'maybe';
      if (s.parse) parsedHere.add(s.name);
    }
    const batch = new PgBatch(
      statements,
      () => this.runtime.makeResult(this.client),
      this.runtime.prepareValue,
    );
    this.roundTrips++;
    this.sent = true;
    this.client.query(batch);
    const result = await batch.done;
    statements.forEach((s, i) => {
      if (s.name === undefined || !s.parse) return;
      if (result.failedAt === -1 || i < result.failedAt) this.prepared.set(s.name, 'parsed');
      else if (i === result.failedAt) this.prepared.set(s.name, 'maybe');
    });
    if (!owed) return result;
    // A failed COMMIT (only a broken connection can fail a read-only one) fails the first statement.
    const { outcomes, failedAt } = result;
    return { outcomes: outcomes.slice(1), failedAt: failedAt === -1 ? -1 : Math.max(0, failedAt - 1) };
  }

  /**
   * A queued write's failure as the error its store would have thrown: a lost compare-and-set
   * becomes ConcurrencyError (its actual version read after rolling back, in a fresh transaction
   * with the same set-up), a unique violation ConflictError for its entity. The trailing
   * statement's own error is left for its caller to map.
   */
  private async domainError(failed: Pending, error: unknown): Promise<unknown> {
    const write = failed.write;
    if (write === undefined || write.session === true || isCrmError(error)) return error;
    const code = (error as { code?: unknown } | null)?.code;
    if (code === LOST_CAS && write.assertion !== undefined) return write.assertion();
    if (code === LOST_CAS && write.expectOne !== undefined) {
      const setup = this.setup.map((s) => ({ ...s, parse: true, closeFirst: false, name: undefined }));
      const read: ExecuteFn = async <R>(query: CompiledQuery<R>) => {
        const batch = [
          this.statement('rollback', [], false),
          ...setup,
          this.statement(query.sql, query.parameters, false),
          this.statement('commit', [], false),
        ];
        const result = await this.sendBatch(batch);
        const answer = result.outcomes[batch.length - 2];
        if (!answer?.ok) throw new StorageError('could not read the row after a lost compare-and-set');
        return toQueryResult<R>(answer);
      };
      this.ended();
      return write.expectOne.lost(read);
    }
    return postgresEngine.mapError(error, write.entity) as CrmError;
  }
}
