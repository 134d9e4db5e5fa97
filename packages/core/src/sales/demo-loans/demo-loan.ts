import { z } from 'zod';
import {
  expectedVersionSchema,
  idSchema,
  oneOrMany,
  optionalText,
  pageSchema,
  type RecordBase,
  text,
} from '../../domain/common.js';
import { type CalendarDate, calendarDateSchema, type Instant, instantSchema } from '../../kernel/time.js';
import { skuSchema } from '../products/product.js';

/** A demo unit lent to a customer (MISSION point 5): serial, due-back date, and its return. */
export interface DemoLoan extends RecordBase {
  sku: string;
  serial: string;
  accountId: string;
  opportunityId: string | null;
  ownerId: string;
  loanedAt: Instant;
  dueBack: CalendarDate;
  returnedAt: Instant | null;
  condition: string | null;
}

export const lendDemoUnitInput = z.strictObject({
  sku: skuSchema,
  /** Not a catalogue product: the SKU is the app's own code, not checked against the catalogue. */
  freeText: z.literal(true).optional(),
  serial: text(100),
  accountId: idSchema,
  opportunityId: idSchema.optional(),
  loanedAt: instantSchema.optional(),
  dueBack: calendarDateSchema,
});
export type LendDemoUnitInput = z.input<typeof lendDemoUnitInput>;

export const returnDemoUnitInput = z.strictObject({
  returnedAt: instantSchema.optional(),
  condition: optionalText(500),
  expectedVersion: expectedVersionSchema,
});
export type ReturnDemoUnitInput = z.input<typeof returnDemoUnitInput>;

export const demoLoanListQuery = pageSchema.extend({
  /** true: units still out; false: units back on the shelf; omitted: both. */
  open: z.boolean().optional(),
  accountId: oneOrMany(idSchema).optional(),
  ownerId: oneOrMany(idSchema).optional(),
});
export type DemoLoanListQuery = z.input<typeof demoLoanListQuery>;
