import { ConcurrencyError, fieldIssue, PermissionDeniedError, ValidationError } from '../../kernel/errors.js';
import type { Message } from '../../kernel/message.js';
import { parseInput } from '../../kernel/validate.js';
import type { ActorRef } from '../../service/actor.js';
import type { CommandContext } from '../../service/context.js';
import type { Runner } from '../../service/runner.js';
import { sayConfig } from './config-messages.js';
import {
  changedSections,
  EMPTY_CONFIG_DOC,
  resolveTenantConfig,
  type TenantConfig,
  type TenantConfigDoc,
  type TenantConfigVersion,
  tenantConfigSchema,
  type UpdateTenantConfigInput,
  updateTenantConfigInput,
} from './tenant-config.js';
import { keepRetiredKeys, VOCABULARY_NAMES } from './vocabulary.js';

/**
 * The tenant's own configuration, versioned in the database: pipelines per channel, lead sources,
 * activity kinds, cost categories, reminder rules and the quiet-customer rule. Every saved change
 * is a new version kept forever; a deal remembers the version it started on.
 */
export interface ConfigCommands {
  /**
   * The configuration in force (the defaults, version 0, until an admin saves one). Admins only.
   * @example
   * ```ts
   * const config = await crm.config.get(admin);
   * config.pipelines.distribution.map((s) => s.id); // ['qualification', 'proposal', 'negotiation', 'won', 'lost']
   * config.leadSources.filter((s) => s.active).map((s) => s.key); // ['inbound_call', 'referral', …]
   * ```
   */
  get(actor: ActorRef): Promise<TenantConfig>;
  /**
   * Replace some sections (the pipelines of the channels named, a whole list, the reminder rules,
   * the quiet-customer rule); the others are kept. A list key left out is kept, deactivated.
   * `expectedVersion` is the version read (CONCURRENCY when someone saved in between). Deals
   * already open keep their pipeline version until `opportunities.migratePipeline` moves them;
   * reminders follow the new rules as their records are next written. Admins only.
   * @example
   * ```ts
   * const config = await crm.config.get(admin);
   * await crm.config.update(admin, {
   *   expectedVersion: config.version,
   *   leadSources: [...config.leadSources, { key: 'trade_show', label: { 'zh-CN': '展会', en: 'Trade show' } }],
   *   reminders: { defaults: { leadFollowUpDays: 5 } },
   * });
   * ```
   */
  update(actor: ActorRef, input: UpdateTenantConfigInput): Promise<TenantConfig>;
  /** Every saved version, newest first, with who saved it and which sections it changed. Admins only. */
  history(actor: ActorRef): Promise<TenantConfigVersion[]>;
}

function assertAdmin(ctx: CommandContext, what: Message): void {
  if (ctx.actor.role !== 'admin') throw new PermissionDeniedError(what, sayConfig('config.denied.notAdmin'));
}

/** The document after `data`: named sections replace theirs, list keys are never dropped. */
function nextDoc(before: TenantConfig, doc: TenantConfigDoc, data: UpdateTenantConfigData): TenantConfigDoc {
  const { expectedVersion: _, pipelines, ...sections } = data;
  const next: TenantConfigDoc = { ...doc, ...sections, pipelines: { ...doc.pipelines, ...pipelines } };
  for (const name of VOCABULARY_NAMES) {
    const list = sections[name];
    if (list) next[name] = keepRetiredKeys(before[name], list);
  }
  const kinds = new Set((next.activityKinds ?? before.activityKinds).map((e) => e.key));
  const unknown = (next.quietCustomer?.contactKinds ?? []).flatMap((kind, i) =>
    kinds.has(kind)
      ? []
      : [
          fieldIssue(
            `quietCustomer.contactKinds.${i}`,
            sayConfig('config.invalid.notActivityKind', { kind }),
          ),
        ],
  );
  if (unknown.length) throw new ValidationError(unknown);
  return next;
}
type UpdateTenantConfigData = ReturnType<typeof updateTenantConfigInput.parse>;

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
        const doc = latest ? tenantConfigSchema.parse(latest.config) : EMPTY_CONFIG_DOC;
        const config = nextDoc(resolveTenantConfig(latest), doc, data);
        const entry = { version: version + 1, config, createdAt: ctx.now, createdBy: ctx.actor.id };
        // A racing save of the same version fails on the key: one admin wins, the other is told.
        await ctx.tx.configs.append(entry);
        return resolveTenantConfig(entry);
      });
    },

    history: (actor) =>
      run.read(actor, async (ctx) => {
        assertAdmin(ctx, sayConfig('config.action.readHistory'));
        const versions = (await ctx.tx.configs.list()).map(resolveTenantConfig);
        // Newest first: each version is compared with the one after it in the list (the defaults last).
        return versions.map((config, i) => ({
          ...config,
          changed: changedSections(versions[i + 1] ?? resolveTenantConfig(null), config),
        }));
      }),
  };
}
