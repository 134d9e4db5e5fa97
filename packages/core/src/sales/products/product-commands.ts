import { z } from 'zod';
import { ConflictError, NotFoundError, PermissionDeniedError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import { ENTITY } from '../../service/entities.js';
import type { Runner } from '../../service/runner.js';
import { stripUndefined } from '../../service/strip-undefined.js';
import {
  type CreateProductInput,
  createProductInput,
  type Product,
  type UpdateProductInput,
  updateProductInput,
} from './product.js';

/** The catalogue is shared by everyone in the tenant; only admins and managers maintain it. */
function assertCatalogueEditor(ctx: CommandContext): void {
  if (ctx.actor.role !== 'admin' && ctx.actor.role !== 'sales_manager') {
    throw new PermissionDeniedError(
      'maintain the product catalogue',
      'only administrators and sales managers may',
    );
  }
}

export function productCommands(run: Runner) {
  const bySku = async (ctx: CommandContext, sku: string) =>
    (await ctx.tx.products.list({ where: { sku: [sku] }, scope: { kind: 'all' }, limit: 1 })).items[0] ??
    null;
  return {
    create: async (actor: ActorRef, input: CreateProductInput): Promise<Product> =>
      run.write(actor, async (ctx) => {
        assertCatalogueEditor(ctx);
        const data = parseInput(createProductInput, input);
        if (await bySku(ctx, data.sku)) throw new ConflictError('product', `SKU ${data.sku} already exists`);
        const product: Product = {
          tenantId: ctx.tx.tenantId,
          id: ctx.newId('prod'),
          version: 1,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          sku: data.sku,
          name: data.name,
          category: data.category,
          kind: data.kind,
          listPrice: data.listPrice ?? null,
          active: true,
        };
        return ctx.insert(ENTITY.product, product, 'product.created');
      }),

    update: async (actor: ActorRef, sku: string, input: UpdateProductInput): Promise<Product> =>
      run.write(actor, async (ctx) => {
        assertCatalogueEditor(ctx);
        const data = parseInput(updateProductInput, input);
        const product = await bySku(ctx, sku);
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

    get: async (actor: ActorRef, sku: string): Promise<Product> =>
      run.read(actor, async (ctx) => {
        const product = await bySku(ctx, parseInput(z.string().min(1).max(64), sku));
        if (!product) throw new NotFoundError('product', sku);
        return product;
      }),

    list: async (actor: ActorRef, query: { category?: string[]; limit?: number; cursor?: string } = {}) =>
      run.read(actor, (ctx) =>
        ctx.tx.products.list({
          where: query.category ? { category: query.category } : {},
          scope: { kind: 'all' },
          limit: query.limit ?? 100,
          ...(query.cursor ? { cursor: query.cursor } : {}),
        }),
      ),
  };
}
