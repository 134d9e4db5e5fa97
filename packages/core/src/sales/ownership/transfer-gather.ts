import type { CommandContext } from '../../service/context.js';
import { ENTITY, type EntityKind } from '../../service/entities.js';
import { scanAll } from '../../service/scan-all.js';
import type { TeamMemberRow } from '../../storage/repositories.js';
import { isLeadOpen } from '../leads/lead-machine.js';
import { isOpportunityOpen } from '../opportunities/opportunity-machine.js';
import type { OpportunityStage } from '../opportunities/opportunity-pipelines.js';
import { isOrderOpen } from '../orders/order-machine.js';
import { isServiceCaseOpen } from '../service-cases/service-case-machine.js';
import type { TransferRecord, TransferRecordKind } from './transfer-schema.js';

/** The part of every transferable record the transfer reads and rewrites. */
export interface Owned {
  id: string;
  version: number;
  updatedAt: string;
  ownerId: string;
}

interface KindSpec {
  entity: EntityKind<Owned>;
  /** Still live work (see TransferRecord.open). */
  open(record: Owned): boolean;
  /** The store filter naming the owner (a cost's owner is who incurred it). */
  ownerFilter: string;
}

const spec = <T>(entity: EntityKind<T>, open: (r: T) => boolean, ownerFilter = 'ownerId'): KindSpec => ({
  entity: entity as unknown as EntityKind<Owned>,
  open: open as unknown as (r: Owned) => boolean,
  ownerFilter,
});

export const TRANSFER_KINDS: Record<TransferRecordKind, KindSpec> = {
  lead: spec(ENTITY.lead, (l) => isLeadOpen(l.status)),
  opportunity: spec(ENTITY.opportunity, (o) => isOpportunityOpen(o.stage as OpportunityStage)),
  order: spec(ENTITY.order, (o) => isOrderOpen(o.status)),
  activity: spec(ENTITY.activity, (a) => a.status === 'scheduled'),
  account: spec(ENTITY.account, (a) => a.mergedIntoId === null),
  service_case: spec(ENTITY.serviceCase, (s) => isServiceCaseOpen(s.status)),
  contact: spec(ENTITY.contact, () => true),
  demo_loan: spec(ENTITY.demoLoan, (d) => d.returnedAt === null),
  // Listed so the plan says why they stay; planTransfer never moves a cost.
  cost: spec(ENTITY.cost, () => false, 'incurredBy'),
};

/** Kinds whose id can be a team key (they govern a team), tried in this order for the leaver's seats. */
const GOVERNING: readonly TransferRecordKind[] = ['opportunity', 'lead', 'account', 'order'];

export interface GatheredRecord {
  kind: TransferRecordKind;
  record: Owned;
  /** True when this record's id is its own team key, i.e. it has a team to keep in step. */
  governing: boolean;
}

export interface Gathered {
  records: TransferRecord[];
  /** By `${kind}:${id}`. */
  byKey: Map<string, GatheredRecord>;
}

/** The name a salesperson knows a record by: company, deal name, subject or order number. */
function labelOf(record: Owned): string | undefined {
  const r = record as unknown as Record<string, unknown>;
  for (const field of ['company', 'name', 'subject', 'number', 'summary']) {
    if (typeof r[field] === 'string') return r[field] as string;
  }
  return undefined;
}

export const keyOf = (kind: string, id: string): string => `${kind}:${id}`;

const grantsOf = (rows: readonly TeamMemberRow[] | undefined) =>
  (rows ?? []).filter((r) => !r.isOwner).map((r) => ({ userId: r.userId, role: r.role, access: r.access }));

/** Everything `from` owns, plus every team `from` sits on, as the planner's input. */
export async function gatherTransfer(ctx: CommandContext, from: string): Promise<Gathered> {
  const found: GatheredRecord[] = [];
  const byKey = new Map<string, GatheredRecord>();
  const add = (kind: TransferRecordKind, record: Owned) => {
    const item = { kind, record, governing: TRANSFER_KINDS[kind].entity.teamKeyOf(record) === record.id };
    if (byKey.has(keyOf(kind, record.id))) return;
    byKey.set(keyOf(kind, record.id), item);
    found.push(item);
  };
  for (const [kind, s] of Object.entries(TRANSFER_KINDS) as [TransferRecordKind, KindSpec][]) {
    for (const record of await scanAll(s.entity.store(ctx.tx), { [s.ownerFilter]: [from] })) {
      add(kind, { ...record, ownerId: s.entity.ownerOf(record) });
    }
  }
  for (const teamKey of await ctx.tx.teams.keysOfMember(from)) {
    for (const kind of GOVERNING) {
      const record = await TRANSFER_KINDS[kind].entity.store(ctx.tx).get(teamKey);
      if (record) {
        add(kind, record);
        break;
      }
    }
  }
  const teams = await ctx.tx.teams.membersOfMany(found.filter((f) => f.governing).map((f) => f.record.id));
  const records = found.map(
    (f): TransferRecord => ({
      kind: f.kind,
      id: f.record.id,
      ownerId: f.record.ownerId,
      open: TRANSFER_KINDS[f.kind].open(f.record),
      grants: f.governing ? grantsOf(teams.get(f.record.id)) : [],
      accountId:
        f.kind === 'account' ? null : ((f.record as Owned & { accountId?: string | null }).accountId ?? null),
      label: labelOf(f.record),
    }),
  );
  return { records, byKey };
}
