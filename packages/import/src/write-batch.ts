import {
  type ActorRef,
  type Crm,
  type CrmError,
  type FieldIssue,
  fieldIssue,
  type ImportLedgerRow,
  isCrmError,
} from '@gongfu/core';
import type { ImportEntity, ImportKind } from './import-kinds.js';
import { sayImport } from './import-messages.js';
import type { joinedStorage } from './joined-storage.js';
import type { SourceRow } from './read-rows.js';

/**
 * The refusals that belong to one row: the command said no to what the row holds (an unknown lead
 * source or product, an owner who does not exist, a record the actor may not touch, a SKU already
 * stocked). A storage failure or a lost race is the run's problem, not the row's: it ends the run,
 * and the ledger lets a rerun continue.
 */
const ROW_REFUSALS = new Set([
  'VALIDATION',
  'NOT_FOUND',
  'PERMISSION_DENIED',
  'CONFLICT',
  'INVALID_TRANSITION',
]);

/** A refusal of the row, not of the run: an acting user who does not exist fails every row alike. */
function isRowRefusal(e: unknown, actor: ActorRef): e is CrmError {
  if (!isCrmError(e) || !ROW_REFUSALS.has(e.code)) return false;
  const actorId = typeof actor === 'string' ? actor : actor.id;
  return !(isCrmError(e, 'NOT_FOUND') && e.id === actorId);
}

/** Thrown inside a batch's transaction to roll it back: one row was refused, or the run is dry. */
class BatchRollback extends Error {
  constructor(readonly refused: { row: SourceRow; error: CrmError } | null) {
    super('rolled back');
  }
}

export interface BatchOutcome {
  written: { row: SourceRow; id: string }[];
  refused: { row: SourceRow; error: CrmError }[];
}

export interface BatchTarget {
  crm: Crm;
  /** The service whose commands join the batch's transaction. */
  writer: Crm;
  joined: ReturnType<typeof joinedStorage>;
  kind: ImportKind;
  actor: ActorRef;
  runId: string;
  entity: ImportEntity;
}

/**
 * Runs every row of a batch through its ordinary command in one transaction, with the ledger rows.
 * A row the command refuses is taken out and the batch is run again without it, so what commits is
 * exactly the accepted rows and nothing of a refused one. A dry run does the same and then rolls
 * back: a row is reported valid only if the command itself accepted it — the tenant's lead sources,
 * the catalogue, owners and permissions included — not merely its schema.
 */
export async function writeBatch(
  target: BatchTarget,
  rows: readonly { row: SourceRow; input: unknown }[],
  dryRun: boolean,
): Promise<BatchOutcome> {
  const { crm, writer, joined, kind, actor } = target;
  const refused: BatchOutcome['refused'] = [];
  let pending = [...rows];
  while (pending.length > 0) {
    const accepted: BatchOutcome['written'] = [];
    try {
      await crm.storage.transaction({ tenantId: crm.tenantId }, (tx) =>
        joined.within(tx, async () => {
          const ledger: ImportLedgerRow[] = [];
          accepted.length = 0;
          for (const { row, input } of pending) {
            let record: { id: string };
            try {
              record = await kind.create(writer, actor, input);
            } catch (error) {
              if (isRowRefusal(error, actor)) throw new BatchRollback({ row, error });
              throw error;
            }
            ledger.push({ rowKey: row.rowKey, entity: target.entity, recordId: record.id });
            accepted.push({ row, id: record.id });
          }
          if (dryRun) throw new BatchRollback(null);
          await tx.importLedger.record(target.runId, ledger);
        }),
      );
      return { written: accepted, refused };
    } catch (e) {
      if (!(e instanceof BatchRollback)) throw e;
      if (e.refused === null) return { written: accepted, refused };
      const out = e.refused;
      refused.push(out);
      pending = pending.filter((p) => p.row !== out.row);
    }
  }
  return { written: [], refused };
}

/** Issues read in the locale of `crm` (each keeps its key with parameters as `detail`). */
export function sayIssues(crm: Crm, issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.map((issue) => (issue.detail ? { ...issue, message: crm.say(issue.detail) } : issue));
}

/** A refusal as the row's issues: a validation keeps every field, anything else says why. */
export function refusalIssues(crm: Crm, error: CrmError): FieldIssue[] {
  if (isCrmError(error, 'VALIDATION')) return sayIssues(crm, error.issues);
  const detail = sayImport('import.row.refused', { reason: error.detail ?? error.message });
  return sayIssues(crm, [fieldIssue('', detail)]);
}
