import { z } from 'zod';
import type { ActivityKind, Channel, CostCategory, LeadSource } from '../../domain/enums.js';
import { vocabularyKeySchema } from '../../domain/enums.js';
import type { Instant } from '../../kernel/time.js';
import {
  OPPORTUNITY_CHANNELS,
  type OpportunityGateId,
  type PipelineStage,
  pipelineFor,
} from '../opportunities/opportunity-pipelines.js';
import { type PipelineStagesInput, pipelineStagesSchema } from '../opportunities/pipeline-config.js';
import {
  type TenantReminderRules,
  type TenantReminderRulesInput,
  tenantReminderRulesSchema,
} from '../reminders/reminder-config.js';
import {
  BUILT_IN_CONTACT_KINDS,
  BUILT_IN_VOCABULARIES,
  VOCABULARY_NAMES,
  type VocabularyEntry,
  type VocabularyName,
  vocabularySchema,
} from './vocabulary.js';

const pipelinesSchema = z.partialRecord(
  z.enum(OPPORTUNITY_CHANNELS as [Channel, ...Channel[]]),
  pipelineStagesSchema,
);

/** The quiet-customer rule: which activity kinds count as contact (the days are reminder rules). */
const quietCustomerSchema = z.strictObject({
  contactKinds: z.array(vocabularyKeySchema).max(200),
});

/**
 * What a tenant may configure: the pipeline of each sales channel, its lists (lead sources,
 * activity kinds, cost categories), its reminder rules and its quiet-customer rule. Whatever is
 * left out keeps the built-in value, so the defaults are today's constants.
 */
export const tenantConfigSchema = z.strictObject({
  pipelines: pipelinesSchema.default({}),
  leadSources: vocabularySchema.optional(),
  activityKinds: vocabularySchema.optional(),
  costCategories: vocabularySchema.optional(),
  reminders: tenantReminderRulesSchema.optional(),
  quietCustomer: quietCustomerSchema.optional(),
});
export type TenantConfigDoc = z.output<typeof tenantConfigSchema>;

/**
 * `config.update`: the sections to replace (the others are kept), at the version the admin read.
 * Within `pipelines`, the channels named replace theirs.
 */
export const updateTenantConfigInput = tenantConfigSchema
  .extend({
    pipelines: pipelinesSchema.optional(),
    /** The version `config.get` returned; 0 while the tenant runs on the defaults. */
    expectedVersion: z.number().int().min(0),
  })
  .strict();
/** One stage as `config.update` takes it; a stage `config.get` returned can be passed back as is. */
export type PipelineStageInput = Omit<PipelineStagesInput[number], 'entryGates'> & {
  /** Checked at run time against the gates a stage may have (`OPPORTUNITY_GATE_IDS`). */
  entryGates?: readonly OpportunityGateId[];
};
/** One entry of a list as `config.update` takes it (`active` defaults to true). */
export type VocabularyEntryInput<K extends string = string> = Omit<VocabularyEntry<K>, 'active'> & {
  active?: boolean;
};
export interface UpdateTenantConfigInput {
  expectedVersion: number;
  pipelines?: Partial<Record<Channel, readonly PipelineStageInput[]>>;
  /**
   * The whole list. A key left out that was there before is kept, deactivated: records that carry
   * it stay readable, new writes are refused it. Reactivate it by listing it again.
   */
  leadSources?: readonly VocabularyEntryInput<LeadSource>[];
  activityKinds?: readonly VocabularyEntryInput<ActivityKind>[];
  costCategories?: readonly VocabularyEntryInput<CostCategory>[];
  /** The tenant's reminder rules, laid over the service's (`createCrm({ reminders })`). */
  reminders?: TenantReminderRulesInput;
  quietCustomer?: { contactKinds: readonly ActivityKind[] };
}

/** A tenant's configuration as the service uses it: every section, defaults filled in. */
export interface TenantConfig {
  /** 0 while the tenant runs on the built-in defaults; then 1, 2, … one per saved change. */
  version: number;
  pipelines: Record<Channel, readonly PipelineStage<string>[]>;
  leadSources: readonly VocabularyEntry<LeadSource>[];
  activityKinds: readonly VocabularyEntry<ActivityKind>[];
  costCategories: readonly VocabularyEntry<CostCategory>[];
  /** The tenant's own reminder rules ({} on the defaults); the service's lie beneath them. */
  reminders: TenantReminderRules;
  /**
   * When a customer has gone quiet: after `reminders` `leadFollowUpDays` (`nurtureFollowUpDays`
   * for leads in nurture) without contact, where contact is an activity of one of these kinds.
   */
  quietCustomer: { contactKinds: readonly ActivityKind[] };
  updatedAt: Instant | null;
  updatedBy: string | null;
}

/** One saved version as `config.history` lists it: what it changed, besides who and when. */
export interface TenantConfigVersion extends TenantConfig {
  /** The sections that differ from the version before (`pipelines.distribution`, `leadSources`, …). */
  changed: readonly string[];
}

/** The document a tenant on the defaults has. */
export const EMPTY_CONFIG_DOC: TenantConfigDoc = { pipelines: {} };

export interface StoredConfig {
  version: number;
  config: unknown;
  createdAt: Instant;
  createdBy: string;
}

/** The configuration a stored document (or none: the defaults) gives. */
export function resolveTenantConfig(stored: StoredConfig | null): TenantConfig {
  const doc = stored ? tenantConfigSchema.parse(stored.config) : EMPTY_CONFIG_DOC;
  const pipelines = Object.fromEntries(
    OPPORTUNITY_CHANNELS.map((channel) => [channel, doc.pipelines[channel] ?? pipelineFor(channel)]),
  ) as Record<Channel, readonly PipelineStage<string>[]>;
  const lists = Object.fromEntries(
    VOCABULARY_NAMES.map((name) => [name, doc[name] ?? BUILT_IN_VOCABULARIES[name]]),
  ) as Record<VocabularyName, readonly VocabularyEntry[]>;
  return {
    version: stored?.version ?? 0,
    pipelines,
    ...lists,
    reminders: doc.reminders ?? {},
    quietCustomer: { contactKinds: doc.quietCustomer?.contactKinds ?? BUILT_IN_CONTACT_KINDS },
    updatedAt: stored?.createdAt ?? null,
    updatedBy: stored?.createdBy ?? null,
  };
}

/** The sections of `config` that differ from `before`, by name, for the history. */
export function changedSections(before: TenantConfig, config: TenantConfig): string[] {
  const sections: [string, unknown, unknown][] = [
    ...OPPORTUNITY_CHANNELS.map((ch): [string, unknown, unknown] => [
      `pipelines.${ch}`,
      before.pipelines[ch],
      config.pipelines[ch],
    ]),
    ...VOCABULARY_NAMES.map((name): [string, unknown, unknown] => [name, before[name], config[name]]),
    ['reminders', before.reminders, config.reminders],
    ['quietCustomer', before.quietCustomer, config.quietCustomer],
  ];
  return sections.filter(([, a, b]) => JSON.stringify(a) !== JSON.stringify(b)).map(([name]) => name);
}
