import { z } from 'zod';
import { idSchema } from '../../domain/common.js';

/** The record kinds whose history a salesperson can read; each is authorized through its record. */
export const HISTORY_RECORD_TYPES = [
  'account',
  'contact',
  'lead',
  'opportunity',
  'order',
  'service_case',
  'activity',
  'demo_loan',
  'cost',
  'quota',
] as const;
export type HistoryRecordType = (typeof HISTORY_RECORD_TYPES)[number];

/** What `history.forRecord` takes, checked as one input so a bad kind or id is a ValidationError. */
export const historyQuery = z.strictObject({
  entityType: z.enum(HISTORY_RECORD_TYPES),
  id: idSchema,
});
