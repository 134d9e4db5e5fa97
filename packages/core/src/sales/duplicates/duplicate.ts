import { z } from 'zod';
import { idSchema, oneOrMany, optionalText } from '../../domain/common.js';
import type { DuplicateResolution } from '../../storage/duplicate-resolution-store.js';
import type { Opportunity } from '../opportunities/opportunity.js';

export type {
  DuplicateKind,
  DuplicateResolution,
  DuplicateVerdict,
} from '../../storage/duplicate-resolution-store.js';

/** The kinds of record a manager can settle as duplicates or not. */
export const duplicateKindSchema = z.enum(['opportunity', 'account', 'contact']);

/** Keep one deal, release the other as its duplicate. */
export const linkAsSameDealInput = z.strictObject({
  keepId: idSchema,
  releaseId: idSchema,
  reason: optionalText(500),
});
export type LinkAsSameDealInput = z.input<typeof linkAsSameDealInput>;

/** Two records that look alike but are different business. */
export const markNotDuplicateInput = z.strictObject({
  kind: duplicateKindSchema.default('opportunity'),
  aId: idSchema,
  bId: idSchema,
  reason: optionalText(500),
});
export type MarkNotDuplicateInput = z.input<typeof markNotDuplicateInput>;

export const resolutionsQuery = z
  .object({
    kind: oneOrMany(duplicateKindSchema).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .default({ limit: 100 });
export type DuplicateResolutionQuery = z.input<typeof resolutionsQuery>;

/** The outcome of `linkAsSameDeal`. */
export interface SameDealLink {
  kept: Opportunity;
  /** The other opportunity, now lost as a duplicate of `kept` (its owner is free of it). */
  released: Opportunity;
  resolution: DuplicateResolution;
}
