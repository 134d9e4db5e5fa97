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
import { type CustomFieldsOf, customFilterInput, customInput } from '../../domain/custom-fields.js';
import { type ServiceCaseKind, serviceCaseKindSchema } from '../../domain/enums.js';
import type { CalendarDate, Instant } from '../../kernel/time.js';
import type { ServiceCaseStatus } from './service-case-machine.js';

/** After-sales repair, replacement or periodic maintenance of delivered units. */
export interface ServiceCase extends RecordBase {
  accountId: string;
  orderId: string;
  /** Copied from the order: the deal team that sold the units also sees their after-sales cases. */
  opportunityId: string | null;
  orderLineId: string | null;
  serial: string | null;
  kind: ServiceCaseKind;
  status: ServiceCaseStatus;
  summary: string;
  /** Whether the unit was under warranty when the case was opened. */
  underWarranty: boolean;
  warrantyUntil: CalendarDate | null;
  ownerId: string;
  assigneeId: string | null;
  resolution: string | null;
  resolvedAt: Instant | null;
  /** The app's own fields (`createCrm({ fields: { serviceCase } })`). */
  custom: CustomFieldsOf<'serviceCase'>;
}

export const openServiceCaseInput = z.strictObject({
  orderId: idSchema,
  orderLineId: idSchema.optional(),
  serial: text(100).optional(),
  kind: serviceCaseKindSchema,
  summary: text(1000),
  assigneeId: idSchema.optional(),
  custom: customInput('serviceCase'),
});
export type OpenServiceCaseInput = z.input<typeof openServiceCaseInput>;

/** The next working step on a case: diagnosing, then repair or replacement. */
export const progressServiceCaseInput = z.strictObject({
  to: z.enum(['diagnosing', 'repair', 'replacement']),
  note: optionalText(1000),
  expectedVersion: expectedVersionSchema,
});
export type ProgressServiceCaseInput = z.input<typeof progressServiceCaseInput>;

export const resolveServiceCaseInput = z.strictObject({
  resolution: text(1000),
  expectedVersion: expectedVersionSchema,
});
export type ResolveServiceCaseInput = z.input<typeof resolveServiceCaseInput>;

export const serviceCaseListQuery = pageSchema.extend({
  status: oneOrMany(z.string()).optional(),
  orderId: oneOrMany(idSchema).optional(),
  accountId: oneOrMany(idSchema).optional(),
  ownerId: oneOrMany(idSchema).optional(),
  custom: customFilterInput('serviceCase'),
});
export type ServiceCaseListQuery = z.input<typeof serviceCaseListQuery>;
