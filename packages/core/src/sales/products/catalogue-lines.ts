import { z } from 'zod';
import { closestKey } from '../../kernel/did-you-mean.js';
import { type FieldIssue, fieldIssue, ValidationError } from '../../kernel/errors.js';
import type { CommandContext } from '../../service/context.js';
import type { Product } from './product.js';
import { sayProduct } from './product-messages.js';

/** Whether a line may name something outside the catalogue (`createCrm({ catalogue })`). */
export const freeTextLinesSchema = z.enum(['allowed', 'refused']);
export type FreeTextLines = z.infer<typeof freeTextLinesSchema>;
/** Whether a line's SKU must be an active catalogue product (`createCrm({ catalogue: { skus } })`). */
export const skuCheckSchema = z.enum(['checked', 'unchecked']);
export type SkuCheck = z.infer<typeof skuCheckSchema>;

/** A line as the app gave it: a catalogue SKU, or a free-text line it marked as one. */
export interface CatalogueLine {
  sku: string;
  freeText?: true | undefined;
}

/** How many active SKUs "did you mean" compares an unknown one with (one page of the catalogue). */
const GUESS_WINDOW = 500;

/**
 * Refuses lines whose SKU is not in the tenant's catalogue or is discontinued, and free-text lines
 * when the service refuses them, before anything is written: every offending line is named by its
 * path (`lines.2.sku`, `interests.0.sku`, `sku`), an unknown SKU with the closest known one.
 */
export async function assertCatalogueLines(
  ctx: CommandContext,
  lines: readonly CatalogueLine[],
  pathOf: (index: number) => string,
): Promise<void> {
  const issues: FieldIssue[] = [];
  const unchecked = ctx.settings.catalogue.skus === 'unchecked';
  const catalogued = lines.flatMap((line, index) => (line.freeText || unchecked ? [] : [{ line, index }]));
  lines.forEach((line, index) => {
    if (line.freeText && ctx.settings.catalogue.freeTextLines === 'refused')
      issues.push(
        fieldIssue(pathTo(pathOf(index), 'freeText'), sayProduct('product.invalid.freeTextRefused')),
      );
  });
  const bySku = await ctx.productsBySku(catalogued.map(({ line }) => line.sku));
  let known: string[] | null = null;
  for (const { line, index } of catalogued) {
    const product = bySku.get(line.sku);
    const field = pathTo(pathOf(index), 'sku');
    if (product && !product.active) {
      issues.push(fieldIssue(field, sayProduct('product.invalid.discontinued', { sku: line.sku })));
    } else if (!product) {
      known ??= await activeSkus(ctx);
      const guess = closestKey(line.sku, known);
      issues.push(
        fieldIssue(
          field,
          guess
            ? sayProduct('product.invalid.unknownSkuGuess', { sku: line.sku, guess })
            : sayProduct('product.invalid.unknownSku', { sku: line.sku }),
        ),
      );
    }
  }
  if (issues.length) throw new ValidationError(issues);
}

/** `lines.2` + `sku` → `lines.2.sku`; a single-line command's own field is just `sku`. */
const pathTo = (line: string, leaf: string): string => (line ? `${line}.${leaf}` : leaf);

async function activeSkus(ctx: CommandContext): Promise<string[]> {
  const page = await ctx.tx.products.list({ where: {}, scope: { kind: 'all' }, limit: GUESS_WINDOW });
  return page.items.filter((p: Product) => p.active).map((p) => p.sku);
}
