import { ConcurrencyError, PermissionDeniedError } from '../../kernel/errors.js';
import type { Message } from '../../kernel/message.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import type { Runner } from '../../service/runner.js';
import { sayConfig } from './config-messages.js';
import {
  resolveTenantConfig,
  type TenantConfig,
  tenantConfigSchema,
  type UpdateTenantConfigInput,
  updateTenantConfigInput,
} from './tenant-config.js';

/**
 * The tenant's own configuration, versioned in the database: pipelines per channel today. Every
 * saved change is a new version kept forever; a deal remembers the version it started on.
 */
export interface ConfigCommands {
  /**
   * The configuration in force (the defaults, version 0, until an admin saves one). Admins only.
   * @example
   * ```ts
   * const config = await crm.config.get(admin);
   * config.pipelines.distribution.map((s) => s.id); // ['qualification', 'proposal', 'negotiation', 'won', 'lost']
   * ```
   */
  get(actor: ActorRef): Promise<TenantConfig>;
  /**
   * Replace the pipelines of some channels; the others are kept. `expectedVersion` is the version
   * read (CONCURRENCY when someone saved in between). Deals already open keep their pipeline
   * version until `opportunities.migratePipeline` moves them. Admins only.
   * @example
   * ```ts
   * await crm.config.update(admin, { expectedVersion: 0, pipelines: { distribution: [...] } });
   * ```
   */
  update(actor: ActorRef, input: UpdateTenantConfigInput): Promise<TenantConfig>;
  /** Every saved version, newest first, for audit. Admins only. */
  history(actor: ActorRef): Promise<TenantConfig[]>;
}

function assertAdmin(ctx: CommandContext, what: Message): void {
  if (ctx.actor.role !== 'admin') throw new PermissionDeniedError(what, sayConfig('config.denied.notAdmin'));
}

export function configCommands(run: Runner): ConfigCommands {
  return {
    get: (actor) =>
      run.read(actor, async (ctx) => {
        assertAdmin(ctx, sayConfig('config.action.read'));
        return resolveTenantConfig(await ctx.tx.configs.latest());
      }),

    update: async (actor, input) => {
      const data = parseInput(updateTenantConfigInput, input);
      return run.write(actor, async (ctx) => {
        assertAdmin(ctx, sayConfig('config.action.change'));
        const latest = await ctx.tx.configs.latest();
        const version = latest?.version ?? 0;
        if (data.expectedVersion !== version)
          throw new ConcurrencyError('tenant configuration', ctx.tx.tenantId, data.expectedVersion, version);
        const before = latest ? tenantConfigSchema.parse(latest.config) : { pipelines: {} };
        const config = { pipelines: { ...before.pipelines, ...data.pipelines } };
        const entry = { version: version + 1, config, createdAt: ctx.now, createdBy: ctx.actor.id };
        // A racing save of the same version fails on the key: one admin wins, the other is told.
        await ctx.tx.configs.append(entry);
        return resolveTenantConfig(entry);
      });
    },

    history: (actor) =>
      run.read(actor, async (ctx) => {
        assertAdmin(ctx, sayConfig('config.action.readHistory'));
        return (await ctx.tx.configs.list()).map(resolveTenantConfig);
      }),
  };
}
