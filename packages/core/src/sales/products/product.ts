import { z } from 'zod';
import { expectedVersionSchema, oneOrMany, pageSchema, type RecordBase, text } from '../../domain/common.js';
import { type CustomFieldsOf, customFilterInput, customInput } from '../../domain/custom-fields.js';
import { type ProductKind, productKindSchema } from '../../domain/enums.js';
import { sayInput, zodMessage } from '../../kernel/input-messages.js';
import { type Money, nonNegativeMoneySchema } from '../../kernel/money.js';
import { sayProduct } from './product-messages.js';

export interface Product extends RecordBase {
  sku: string;
  name: string;
  /** e.g. "laser_scanner", "server", "wms", "network" — sibling SKUs share a category. */
  category: string;
  kind: ProductKind;
  listPrice: Money | null;
  active: boolean;
  /** The app's own fields (`createCrm({ fields: { product } })`). */
  custom: CustomFieldsOf<'product'>;
}

export const skuSchema = z
  .string()
  .trim()
  .min(1, zodMessage(sayInput('input.required')))
  .max(64)
  .regex(/^[\w.\-/]+$/, zodMessage(sayProduct('product.invalid.sku')));

export const createProductInput = z.strictObject({
  sku: skuSchema,
  name: text(200),
  category: text(64),
  kind: productKindSchema.default('standard'),
  listPrice: nonNegativeMoneySchema.optional(),
  custom: customInput('product'),
});
export type CreateProductInput = z.input<typeof createProductInput>;

export const updateProductInput = z.strictObject({
  name: text(200).optional(),
  category: text(64).optional(),
  kind: productKindSchema.optional(),
  listPrice: nonNegativeMoneySchema.nullable().optional(),
  active: z.boolean().optional(),
  custom: customInput('product'),
  expectedVersion: expectedVersionSchema,
});
export type UpdateProductInput = z.input<typeof updateProductInput>;

/** A SKU as typed to look a product up: not checked against the SKU pattern, an unknown one is NOT_FOUND. */
export const skuLookupSchema = z.string().min(1).max(64);

/** The catalogue, a page at a time, optionally of some categories only. */
export const productListQuery = pageSchema.extend({
  category: oneOrMany(z.string()).optional(),
  custom: customFilterInput('product'),
  limit: pageSchema.shape.limit.unwrap().default(100),
});
export type ProductListQuery = z.input<typeof productListQuery>;
