import { z } from 'zod';
import { sayInput, zodMessage } from '../kernel/input-messages.js';
import type { Instant } from '../kernel/time.js';

export const idSchema = z
  .string()
  .trim()
  .min(1, zodMessage(sayInput('input.required')))
  .max(100);

/** Trimmed non-empty text with a sane upper bound, so a pasted novel cannot become a company name. */
export const text = (max = 200) =>
  z
    .string()
    .trim()
    .min(1, zodMessage(sayInput('input.required')))
    .max(max);
export const optionalText = (max = 2000) => z.string().trim().max(max).optional();

/** Phone as typed by the salesperson; normalised forms are derived elsewhere (duplicate detection). */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[\d\s\-()./]{5,30}(\s*(ext|x|转)\s*\d{1,6})?$/i, zodMessage(sayInput('input.phone')));

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email(zodMessage(sayInput('input.email'))));

/** Chinese administrative division code: 2 digits province, optionally 4/6 for city/district. */
export const regionSchema = z.strictObject({
  province: z.string().regex(/^\d{2}$/, zodMessage(sayInput('input.province'))),
  city: z
    .string()
    .regex(/^\d{4}(\d{2})?$/, zodMessage(sayInput('input.city')))
    .optional(),
});
export type Region = z.infer<typeof regionSchema>;

export const contactDetailsSchema = z.strictObject({
  name: text(100),
  title: optionalText(100),
  phone: phoneSchema.optional(),
  mobile: phoneSchema.optional(),
  email: emailSchema.optional(),
  wechat: optionalText(100),
});
export type ContactDetails = z.infer<typeof contactDetailsSchema>;

/** Fields every stored record carries. `version` starts at 1 and grows by one per accepted change. */
export interface RecordBase {
  tenantId: string;
  id: string;
  version: number;
  createdAt: Instant;
  updatedAt: Instant;
}

/** Every list is paged. `cursor` is opaque; pass back `nextCursor` to continue. */
export const pageSchema = z.strictObject({
  limit: z.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type PageInput = z.input<typeof pageSchema>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Optimistic concurrency: pass the version you read; a stale one throws ConcurrencyError. */
export const expectedVersionSchema = z.number().int().min(1).optional();

/** The input of a lifecycle move that needs nothing but, optionally, the version the caller read. */
export const expectedVersionInput = z.strictObject({ expectedVersion: expectedVersionSchema }).default({});
export type ExpectedVersionInput = z.input<typeof expectedVersionInput>;

/**
 * A list filter on one value or any of several, the same shape on every list: `{ ownerId: 'u1' }`
 * or `{ ownerId: ['u1', 'u2'] }`. Always an array after parsing.
 */
export const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).max(500)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);
