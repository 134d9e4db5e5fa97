import type { Page } from '../../domain/common.js';
import { checkCustomFilter } from '../../domain/custom-field-check.js';
import { ConflictError, NotFoundError, PermissionDeniedError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { newCustom } from '../../service/custom-write.js';
import { ENTITY } from '../../service/entities.js';
import type { Runner } from '../../service/runner.js';
import { stripUndefined } from '../../service/strip-undefined.js';
import {
  type CreateProductInput,
  createProductInput,
  type Product,
  type ProductListQuery,
  productListQuery,
  skuLookupSchema,
  type UpdateProductInput,
  updateProductInput,
} from './product.js';
import { sayProduct } from './product-messages.js';

/**
 * The product catalogue (产品目录): what the company sells, by SKU, with list prices in minor units.
 * Everyone in the tenant reads it; only administrators and sales managers maintain it.
 */
export interface ProductCommands {
  /**
   * Add a product. The SKU is unique in the tenant (CONFLICT otherwise); `kind` defaults to
   * `standard`, a `solution` is sold as a project.
   * @example
   * ```ts
   * await crm.products.create(li, {
   *   sku: 'LS2208', name: 'Symbol LS2208 激光扫描枪', category: 'laser_scanner',
   *   listPrice: { amount: 1080_00, currency: 'CNY' },
   * });
   * ```
   */
  create(actor: ActorRef, input: CreateProductInput): Promise<Product>;
  /**
   * Reprice, rename, recategorise or retire a product, found by its SKU.
   * @example
   * ```ts
   * await crm.products.update(li, 'LS2208', {
   *   listPrice: { amount: 990_00, currency: 'CNY' }, expectedVersion: scanner.version,
   * });
   * await crm.products.update(li, 'LS4208', { active: false });
   * ```
   */
  update(actor: ActorRef, sku: string, input: UpdateProductInput): Promise<Product>;
  /**
   * One product by SKU (NOT_FOUND when there is none).
   * @example
   * ```ts
   * const scanner = await crm.products.get(jia, 'LS2208');
   * ```
   */
  get(actor: ActorRef, sku: string): Promise<Product>;
  /**
   * The catalogue, a page at a time (100 by default), optionally of some categories only.
   * @example
   * ```ts
   * const scanners = await crm.products.list(jia, { category: ['laser_scanner', 'wireless_scanner'] });
   * ```
   */
  list(actor: ActorRef, query?: ProductListQuery): Promise<Page<Product>>;
}

/** The catalogue is shared by everyone in the tenant; only admins and managers maintain it. */
function assertCatalogueEditor(ctx: CommandContext): void {
  if (ctx.actor.role !== 'admin' && ctx.actor.role !== 'sales_manager') {
    throw new PermissionDeniedError(
      sayProduct('product.action.maintain'),
      sayProduct('product.denied.maintain'),
    );
  }
}

/** Products are not owned by anyone, so every lookup reads the whole catalogue. */
const bySku = async (ctx: CommandContext, sku: string): Promise<Product | null> =>
  (await ctx.tx.products.list({ where: { sku: [sku] }, scope: { kind: 'all' }, limit: 1 })).items[0] ?? null;

export function productCommands(run: Runner): ProductCommands {
  return {
    create: (actor, input) =>
      run.write(actor, async (ctx) => {
        assertCatalogueEditor(ctx);
        const data = parseInput(createProductInput, input);
        if (await bySku(ctx, data.sku))
          throw new ConflictError('product', sayProduct('product.conflict.skuExists', { sku: data.sku }));
        const product: Product = {
          ...ctx.stamp('prod'),
          sku: data.sku,
          name: data.name,
          category: data.category,
          kind: data.kind,
          listPrice: data.listPrice ?? null,
          active: true,
          custom: newCustom(ctx, 'product', data.custom),
        };
        return ctx.insert(ENTITY.product, product, 'product.created');
      }),

    update: (actor, sku, input) =>
      run.write(actor, async (ctx) => {
        assertCatalogueEditor(ctx);
        const data = parseInput(updateProductInput, input);
        const product = await bySku(ctx, parseInput(skuLookupSchema, sku, 'sku'));
        if (!product) throw new NotFoundError('product', sku);
        ctx.checkVersion('product', product, data.expectedVersion);
        const { expectedVersion: _, ...changes } = data;
        return ctx.update(
          ENTITY.product,
          product,
          stripUndefined(changes) as Partial<Product>,
          'product.updated',
        );
      }),

    get: (actor, sku) =>
      run.read(actor, async (ctx) => {
        const product = await bySku(ctx, parseInput(skuLookupSchema, sku, 'sku'));
        if (!product) throw new NotFoundError('product', sku);
        return product;
      }),

    list: (actor, query = {}) =>
      run.read(actor, (ctx) => {
        const { limit, cursor, category, custom } = parseInput(productListQuery, query);
        if (custom) checkCustomFilter(ctx.settings.customFields, 'product', custom);
        return ctx.tx.products.list({
          where: stripUndefined({ category, custom }),
          scope: { kind: 'all' },
          limit,
          ...(cursor ? { cursor } : {}),
        });
      }),
  };
}
