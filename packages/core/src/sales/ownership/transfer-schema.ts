import { z } from 'zod';
import { ACCESS_LEVELS, TEAM_ROLES } from '../../access/model.js';
import { idSchema } from '../../domain/common.js';
import { zodMessage } from '../../kernel/input-messages.js';
import { sayOwnership } from './ownership-messages.js';

export const TRANSFER_RECORD_KINDS = [
  'lead',
  'opportunity',
  'order',
  'activity',
  'account',
  'service_case',
  'contact',
  'demo_loan',
  'cost',
] as const;
export type TransferRecordKind = (typeof TRANSFER_RECORD_KINDS)[number];

const grantSchema = z.strictObject({
  userId: z.string().min(1),
  role: z.enum(TEAM_ROLES),
  access: z.enum(ACCESS_LEVELS),
});

/** What to hand over when a salesperson leaves. The defaults move all live work and leave history alone. */
export const transferOptionsSchema = z.strictObject({
  openLeads: z.boolean().default(true),
  openOpportunities: z.boolean().default(true),
  scheduledActivities: z.boolean().default(true),
  openOrders: z.boolean().default(true),
  /** Hand the leaver's seats on other people's deal/account teams to `to` instead of just removing them. */
  keepDealTeams: z.boolean().default(true),
  closedRecords: z.enum(['stay', 'move']).default('stay'),
});

export const transferRecordSchema = z.strictObject({
  kind: z.enum(TRANSFER_RECORD_KINDS),
  id: z.string().min(1),
  ownerId: z.string().min(1),
  /** Still live: an unqualified lead, an undecided opportunity, an undelivered order, a future activity. */
  open: z.boolean(),
  grants: z.array(grantSchema).default([]),
  /** The customer it belongs to: a record of an account that moves follows it (see planTransfer). */
  accountId: z.string().min(1).nullable().optional(),
  /** What people call the record (company, deal or subject), for the plan's sentences. */
  label: z.string().optional(),
});

export const transferInputSchema = z
  .object({
    from: z.string().min(1),
    to: z.string().min(1),
    // `prefault` (not `default`) so a partial options object still gets every inner default.
    options: transferOptionsSchema.prefault({}),
    records: z.array(transferRecordSchema),
    /** Display names by user id, for the plan's sentences; ids are used when absent. */
    names: z.record(z.string(), z.string()).default({}),
  })
  .superRefine((input, ctx) => {
    if (input.from === input.to) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        ...zodMessage(sayOwnership('ownership.invalid.sameUser')),
      });
    }
    // A record listed twice would be planned twice; the plan promises each record exactly once.
    const seen = new Set<string>();
    input.records.forEach((r, i) => {
      const key = `${r.kind}:${r.id}`;
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['records', i, 'id'],
          ...zodMessage(sayOwnership('ownership.invalid.listedTwice', { record: key })),
        });
      seen.add(key);
    });
  });

export type TransferInput = z.input<typeof transferInputSchema>;
export type ParsedTransferInput = z.output<typeof transferInputSchema>;
export type TransferOptions = z.output<typeof transferOptionsSchema>;
export type TransferRecord = z.output<typeof transferRecordSchema>;

/** What `crm.ownership.transfer` takes: the leaver, the successor, what goes, and whether to only look. */
export const transferCommandInput = z.strictObject({
  from: idSchema,
  to: idSchema,
  options: transferOptionsSchema.partial().optional(),
  /** Only plan: return what would move and why, write nothing. */
  dryRun: z.boolean().default(false),
});
export type TransferCommandInput = z.input<typeof transferCommandInput>;
