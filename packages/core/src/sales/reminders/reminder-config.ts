import { z } from 'zod';
import { timeZoneSchema } from '../../domain/time-zone.js';
import { sayInput, zodMessage } from '../../kernel/input-messages.js';
import { parseInput } from '../../kernel/validate.js';

/** The three sales channels of the source document; each may tune the reminder rules. */
export const reminderChannels = ['distribution', 'key_account', 'wireless'] as const;
export type ReminderChannel = (typeof reminderChannels)[number];

const days = z.number().int().positive();
const noticeDays = z.number().int().nonnegative();

/** Every knob of the rules; resolved per channel by `resolveRuleSettings`. */
export const ruleSettingsSchema = z.strictObject({
  /** Days without customer-facing contact before an open lead needs a follow-up. */
  leadFollowUpDays: days,
  /** The same for leads parked in `nurture`, which are contacted far less often. */
  nurtureFollowUpDays: days,
  /**
   * Per-stage override of the pipeline template's `staleAfterDays`. A present key wins over the
   * template; `null` switches the stale reminder off for that stage.
   */
  staleAfterDaysByStage: z.record(z.string(), days.nullable()),
  /** Minutes before a scheduled activity starts that its reminder is due. */
  activityLeadMinutes: z.number().int().nonnegative(),
  /** Days before a quote's `validUntil` that its expiry reminder is due. */
  quoteExpiryNoticeDays: noticeDays,
  /** Days before a demo loan's `dueBack` that its return reminder is due. */
  demoReturnNoticeDays: noticeDays,
  /** Days before an order's promised delivery that its reminder is due. */
  deliveryNoticeDays: noticeDays,
  /** Whether delivered orders get periodic after-sales visit reminders. */
  afterSalesVisitEnabled: z.boolean(),
  /** Months between after-sales visits. */
  afterSalesVisitMonths: z.number().int().positive(),
  /** Days after `dueAt` at which an unacknowledged reminder escalates to the manager; null = never. */
  escalationDays: z.number().int().nonnegative().nullable(),
  /** Local wall-clock time (`HH:mm`) for reminders that fall on a calendar day rather than an instant. */
  noticeTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, zodMessage(sayInput('input.localTime'))),
});

export type RuleSettings = z.output<typeof ruleSettingsSchema>;
export const ruleOverridesSchema = ruleSettingsSchema.partial();
export type RuleOverrides = z.output<typeof ruleOverridesSchema>;

const builtInSettings: RuleSettings = {
  leadFollowUpDays: 3,
  nurtureFollowUpDays: 30,
  staleAfterDaysByStage: {},
  activityLeadMinutes: 60,
  quoteExpiryNoticeDays: 3,
  demoReturnNoticeDays: 1,
  deliveryNoticeDays: 7,
  afterSalesVisitEnabled: false,
  afterSalesVisitMonths: 3,
  escalationDays: 2,
  noticeTime: '09:00',
};

/** Key-account projects carry periodic after-sales service (MISSION point 3); the others do not. */
const builtInChannelPresets: Record<ReminderChannel, RuleOverrides> = {
  distribution: {},
  key_account: { afterSalesVisitEnabled: true },
  wireless: {},
};

/** Drops keys whose value is undefined, so a spread never overwrites a setting with nothing. */
function definedOnly(overrides: RuleOverrides): RuleOverrides {
  return Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as RuleOverrides;
}

/**
 * Input: any subset of settings, globally (`defaults`) and per channel. Output: the full
 * `defaults`, and every channel's overrides with the built-in channel presets folded in (user
 * values win), so the parsed config shows exactly what will apply.
 */
export const reminderConfigSchema = z.strictObject({
  timeZone: timeZoneSchema.default('Asia/Shanghai'),
  defaults: ruleOverridesSchema
    .prefault({})
    .transform((o): RuleSettings => ({ ...builtInSettings, ...definedOnly(o) })),
  channels: z
    .strictObject({
      distribution: ruleOverridesSchema.optional(),
      key_account: ruleOverridesSchema.optional(),
      wireless: ruleOverridesSchema.optional(),
    })
    .prefault({})
    .transform(
      (c): Record<ReminderChannel, RuleOverrides> =>
        Object.fromEntries(
          reminderChannels.map((ch) => [ch, { ...builtInChannelPresets[ch], ...definedOnly(c[ch] ?? {}) }]),
        ) as Record<ReminderChannel, RuleOverrides>,
    ),
});

export type ReminderConfig = z.output<typeof reminderConfigSchema>;
export type ReminderConfigInput = z.input<typeof reminderConfigSchema>;

/** Parses untrusted config; a bad field becomes a ValidationError naming it. */
export function parseReminderConfig(input: unknown): ReminderConfig {
  return parseInput(reminderConfigSchema, input);
}

export const defaultReminderConfig: ReminderConfig = reminderConfigSchema.parse({});

export type ResolvedRuleSettings = RuleSettings & { timeZone: string };

/**
 * Resolved settings per configuration and channel. A command resolves them for every reminder it
 * keeps, and the configuration it uses is the one cached with the org chart (the same object from
 * command to command until the tenant's rules change), so each is merged once. Frozen: shared.
 */
const RESOLVED = new WeakMap<ReminderConfig, Map<ReminderChannel | null, ResolvedRuleSettings>>();

/**
 * A tenant's own reminder rules (`crm.config.update({ reminders })`): any subset of settings,
 * globally and per channel, laid over the service's (`createCrm({ reminders })`) at the same level.
 */
export const tenantReminderRulesSchema = z.strictObject({
  defaults: ruleOverridesSchema.optional(),
  channels: z
    .strictObject({
      distribution: ruleOverridesSchema.optional(),
      key_account: ruleOverridesSchema.optional(),
      wireless: ruleOverridesSchema.optional(),
    })
    .optional(),
});
export type TenantReminderRules = z.output<typeof tenantReminderRulesSchema>;
export type TenantReminderRulesInput = z.input<typeof tenantReminderRulesSchema>;

/** `over` laid on `under`; stage overrides merge key by key, as in `resolveRuleSettings`. */
function layer<T extends RuleOverrides>(under: T, over: RuleOverrides | undefined): T {
  if (over === undefined) return under;
  const defined = definedOnly(over);
  const stages =
    under.staleAfterDaysByStage || defined.staleAfterDaysByStage
      ? { staleAfterDaysByStage: { ...under.staleAfterDaysByStage, ...defined.staleAfterDaysByStage } }
      : {};
  return { ...under, ...defined, ...stages };
}

/** The rules that apply to a tenant: the service's config with the tenant's own rules on top. */
export function withTenantRules(config: ReminderConfig, rules: TenantReminderRules): ReminderConfig {
  if (rules.defaults === undefined && rules.channels === undefined) return config;
  return {
    timeZone: config.timeZone,
    defaults: layer(config.defaults, rules.defaults),
    channels: Object.fromEntries(
      reminderChannels.map((ch) => [ch, layer(config.channels[ch], rules.channels?.[ch])]),
    ) as Record<ReminderChannel, RuleOverrides>,
  };
}

/**
 * The settings that apply to a record of `channel` (records without a channel — activities, demo
 * loans — get the global defaults). Stage overrides merge key by key rather than replacing the map.
 */
export function resolveRuleSettings(
  config: ReminderConfig,
  channel: ReminderChannel | null = null,
): ResolvedRuleSettings {
  let byChannel = RESOLVED.get(config);
  if (byChannel === undefined) {
    byChannel = new Map();
    RESOLVED.set(config, byChannel);
  }
  let settings = byChannel.get(channel);
  if (settings === undefined) {
    const overrides = channel === null ? {} : definedOnly(config.channels[channel]);
    settings = Object.freeze({
      ...config.defaults,
      ...overrides,
      staleAfterDaysByStage: Object.freeze({
        ...config.defaults.staleAfterDaysByStage,
        ...overrides.staleAfterDaysByStage,
      }),
      timeZone: config.timeZone,
    });
    byChannel.set(channel, settings);
  }
  return settings;
}
