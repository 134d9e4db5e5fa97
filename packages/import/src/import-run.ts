import {
  type ActorRef,
  type Crm,
  type CrmErrorCode,
  createCrm,
  type FieldIssue,
  fieldIssue,
  type IdGenerator,
  zodIssueAt,
} from '@gongfu/core';
import { type DuplicateCandidate, describeMatch, sentence } from './describe-match.js';
import {
  AccountIndex,
  ContactIndex,
  type DuplicateMatch,
  type NewAccount,
  type NewContact,
} from './duplicate-index.js';
import { IMPORT_KINDS, type ImportEntity } from './import-kinds.js';
import { sayImport } from './import-messages.js';
import { joinedStorage } from './joined-storage.js';
import { loadAccountIndex, loadContactIndex } from './load-index.js';
import { type ImportSource, readRows, type SourceRow } from './read-rows.js';
import { type BatchTarget, refusalIssues, sayIssues, writeBatch } from './write-batch.js';

/** What became of one input row. */
export type RowStatus =
  /** Dry run: would be imported. */
  | 'valid'
  /** Not importable: see `issues` (field path and reason). */
  | 'invalid'
  /** Probably an existing record (or an earlier row of the file): see `duplicates`. */
  | 'duplicate'
  /** Written by this run. */
  | 'imported'
  /** Written by an earlier attempt of the same run (found in the ledger): not written again. */
  | 'already_imported';

export interface RowReport {
  line: number;
  rowKey: string;
  status: RowStatus;
  issues?: FieldIssue[];
  /** Why the command refused an `invalid` row that passed its schema (e.g. NOT_FOUND for an unknown owner). */
  refusal?: CrmErrorCode;
  duplicates?: DuplicateCandidate[];
  recordId?: string;
}

export interface ImportProgress {
  runId: string;
  /** Rows read so far. */
  read: number;
  /** Batches committed so far in this attempt. */
  batches: number;
  counts: Record<RowStatus, number>;
}

export interface ImportOptions {
  entity: ImportEntity;
  source: ImportSource;
  /** The run's name; run again with the same name (and file) to resume after a crash. */
  runId: string;
  /** Rows per transaction (default 500). */
  batchSize?: number;
  /**
   * Probable duplicates: `skip` them (default), `import` them anyway (still reported), or `off`
   * (no check; faster for a first load into an empty tenant).
   */
  duplicates?: 'skip' | 'import' | 'off';
  /** Called after every batch (and once at the end). */
  onProgress?: (progress: ImportProgress) => void;
  /** Keep every row's report (default: only rows that are not plainly valid/imported). */
  allRows?: boolean;
  /** Ids of the records written (default: the service's uuid ids). */
  ids?: IdGenerator;
}

export interface ImportReport {
  runId: string;
  entity: ImportEntity;
  dryRun: boolean;
  counts: Record<RowStatus, number>;
  rows: RowReport[];
}

const emptyCounts = (): Record<RowStatus, number> => ({
  valid: 0,
  invalid: 0,
  duplicate: 0,
  imported: 0,
  already_imported: 0,
});

/**
 * Check a file without writing anything: every row valid, invalid (field path and reason) or a
 * probable duplicate of an existing record (with the detector's explanation, told as the actor may
 * be told of it).
 * @example
 * ```ts
 * const report = await dryRunImport(crm, admin, { entity: 'account', runId: 'crm-2026-03', source: { path: 'accounts.csv' } });
 * for (const row of report.rows) if (row.status !== 'valid') console.log(row.line, row.status, row.issues ?? row.duplicates);
 * ```
 */
export function dryRunImport(crm: Crm, actor: ActorRef, options: ImportOptions): Promise<ImportReport> {
  return run(crm, actor, { ...options, allRows: options.allRows ?? true }, true);
}

/**
 * Import a file in batches, each batch one transaction with its rows' ledger entries. Rerun with the
 * same `runId` after a crash: rows the ledger holds are skipped, so nothing is written twice.
 * @example
 * ```ts
 * const report = await runImport(crm, admin, {
 *   entity: 'account', runId: 'crm-2026-03', source: { path: 'accounts.csv' },
 *   onProgress: (p) => console.log(p.read, p.counts.imported),
 * });
 * ```
 */
export function runImport(crm: Crm, actor: ActorRef, options: ImportOptions): Promise<ImportReport> {
  return run(crm, actor, options, false);
}

async function run(
  crm: Crm,
  actor: ActorRef,
  options: ImportOptions,
  dryRun: boolean,
): Promise<ImportReport> {
  const kind = IMPORT_KINDS[options.entity];
  const batchSize = options.batchSize ?? 500;
  const report: ImportReport = {
    runId: options.runId,
    entity: options.entity,
    dryRun,
    counts: emptyCounts(),
    rows: [],
  };
  const checker = await duplicateChecker(crm, options);
  const joined = joinedStorage(crm.storage);
  const writer = createCrm({
    storage: joined.storage,
    tenant: crm.tenantId,
    clock: crm.clock,
    timeZone: crm.timeZone,
    ...(options.ids ? { ids: options.ids } : {}),
  });
  const target: BatchTarget = {
    crm,
    writer,
    joined,
    kind,
    actor,
    runId: options.runId,
    entity: options.entity,
  };
  const progress: ImportProgress = { runId: options.runId, read: 0, batches: 0, counts: report.counts };
  const note = (row: RowReport) => {
    report.counts[row.status]++;
    const plain = row.status === 'valid' || row.status === 'imported' || row.status === 'already_imported';
    if (options.allRows || !plain) report.rows.push(row);
  };

  const flush = async (batch: SourceRow[]) => {
    if (batch.length === 0) return;
    const firstOfBatch = report.rows.length;
    const done = await crm.storage.read({ tenantId: crm.tenantId }, (tx) =>
      tx.importLedger.done(
        options.runId,
        batch.map((r) => r.rowKey),
      ),
    );
    const already = new Map(done.map((d) => [d.rowKey, d.recordId]));
    const toWrite: { row: SourceRow; input: unknown }[] = [];
    /** Rows already reported as probable duplicates (and written anyway): a dry run adds no "valid". */
    const reportedDuplicate = new Set<SourceRow>();
    for (const row of batch) {
      const recordId = already.get(row.rowKey);
      if (recordId !== undefined) {
        note({ line: row.line, rowKey: row.rowKey, status: 'already_imported', recordId });
        continue;
      }
      const checked = kind.schema.safeParse(row.input, { reportInput: true });
      if (row.unreadable || !checked.success) {
        const issues: FieldIssue[] = row.unreadable
          ? [fieldIssue('', sayImport('import.row.notJsonObject', { problem: row.unreadable }))]
          : (checked.error?.issues ?? []).map((i) => zodIssueAt(i.path.join('.'), i));
        note({ line: row.line, rowKey: row.rowKey, status: 'invalid', issues: sayIssues(crm, issues) });
        continue;
      }
      const matches = checker.matches(checked.data);
      if (matches.length > 0) {
        const duplicates = await Promise.all(
          matches.map((m) =>
            m.id.startsWith(EARLIER_ROW)
              ? earlierRow(crm, m)
              : describeMatch(crm, actor, checker.entity ?? 'account', m),
          ),
        );
        note({ line: row.line, rowKey: row.rowKey, status: 'duplicate', duplicates });
        if (options.duplicates !== 'import') continue;
        reportedDuplicate.add(row);
      }
      // Later rows of the file are checked against this one, written or not.
      checker.remember(`${EARLIER_ROW}${row.rowKey}`, checked.data);
      toWrite.push({ row, input: row.input });
    }
    const outcome = await writeBatch(target, toWrite, dryRun);
    for (const { row, error } of outcome.refused) {
      const issues = refusalIssues(crm, error);
      note({ line: row.line, rowKey: row.rowKey, status: 'invalid', refusal: error.code, issues });
    }
    for (const w of outcome.written) {
      if (!dryRun) note({ line: w.row.line, rowKey: w.row.rowKey, status: 'imported', recordId: w.id });
      else if (!reportedDuplicate.has(w.row))
        note({ line: w.row.line, rowKey: w.row.rowKey, status: 'valid' });
    }
    // Rows written or refused are told after the batch ran; the report stays in file order.
    const told = report.rows.splice(firstOfBatch).sort((p, q) => p.line - q.line);
    report.rows.push(...told);
    progress.batches++;
    options.onProgress?.(progress);
  };

  let batch: SourceRow[] = [];
  for await (const row of readRows(options.source, kind)) {
    progress.read++;
    batch.push(row);
    if (batch.length >= batchSize) {
      await flush(batch);
      batch = [];
    }
  }
  await flush(batch);
  return report;
}

/** The id a dry run gives a valid row it remembers, so a later row can be told which one it repeats. */
const EARLIER_ROW = 'row:';

function earlierRow(crm: Crm, m: DuplicateMatch): DuplicateCandidate {
  const key = m.id.slice(EARLIER_ROW.length);
  const detail = sayImport('import.duplicate.earlierRow', {
    row: key,
    name: m.name,
    explanation: m.explanationDetail,
  });
  return {
    visible: true,
    id: m.id,
    name: m.name,
    ownerId: '',
    ownerName: '',
    probability: Math.round(m.probability * 1000) / 1000,
    explanation: sentence(crm.say(m.explanationDetail)),
    message: crm.say(detail),
    detail,
  };
}

/** The duplicate check for the entity imported: accounts and contacts; nothing for the others. */
interface DuplicateChecker {
  entity: 'account' | 'contact' | null;
  matches(input: unknown): DuplicateMatch[];
  /** A valid row, so a file naming one customer twice is caught (in a dry run too). */
  remember(id: string, input: unknown): void;
}

async function duplicateChecker(crm: Crm, options: ImportOptions): Promise<DuplicateChecker> {
  const none: DuplicateChecker = { entity: null, matches: () => [], remember: () => {} };
  if (options.duplicates === 'off') return none;
  if (options.entity === 'account') {
    const index = await loadAccountIndex(crm, new AccountIndex());
    return {
      entity: 'account',
      matches: (input) => index.matches(input as NewAccount),
      remember: (id, input) =>
        index.add({
          creditCode: null,
          phones: [],
          emails: [],
          region: null,
          ...(input as NewAccount),
          id,
          ownerId: '',
        }),
    };
  }
  if (options.entity === 'contact') {
    const accounts = await loadAccountIndex(crm, new AccountIndex());
    const index = await loadContactIndex(crm, new ContactIndex(accounts));
    return {
      entity: 'contact',
      matches: (input) => index.matches(input as NewContact),
      remember: (id, input) =>
        index.add({ phone: null, mobile: null, email: null, ...(input as NewContact), id, ownerId: '' }),
    };
  }
  return none;
}
