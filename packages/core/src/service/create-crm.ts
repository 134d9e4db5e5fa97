import { compileCustomFields } from '../domain/custom-field-check.js';
import type { CustomFieldDeclarations, CustomFieldSchemas } from '../domain/custom-fields.js';
import { timeZoneSchema } from '../domain/time-zone.js';
import { isCrmError } from '../kernel/errors.js';
import { guardArguments } from '../kernel/input-guard.js';
import {
  buildCatalogues,
  builtInMessages,
  type Locale,
  type MessageCatalogues,
  renderMessage,
} from '../kernel/message.js';
import { type Clock, type IdGenerator, systemClock, uuidIds } from '../kernel/ports.js';
import { parseInput } from '../kernel/validate.js';
import { accessCommands } from '../sales/access-explanations/access-commands.js';
import { accountCommands } from '../sales/accounts/account-commands.js';
import { contactCommands } from '../sales/accounts/contact-commands.js';
import { activityCommands } from '../sales/activities/activity-commands.js';
import { configCommands } from '../sales/config/config-commands.js';
import { costCommands } from '../sales/costs/cost-commands.js';
import { demoLoanCommands } from '../sales/demo-loans/demo-loan-commands.js';
import { duplicateCommands } from '../sales/duplicates/duplicate-commands.js';
import { eventCommands } from '../sales/events/event-commands.js';
import { historyCommands } from '../sales/history/history-commands.js';
import { leadCommands } from '../sales/leads/lead-commands.js';
import { opportunityCommands } from '../sales/opportunities/opportunity-commands.js';
import { orderCommands } from '../sales/orders/order-commands.js';
import { userCommands } from '../sales/org/user-commands.js';
import { ownershipCommands } from '../sales/ownership/ownership-commands.js';
import {
  type FreeTextLines,
  freeTextLinesSchema,
  type SkuCheck,
  skuCheckSchema,
} from '../sales/products/catalogue-lines.js';
import { productCommands } from '../sales/products/product-commands.js';
import { quotaCommands } from '../sales/quotas/quota-commands.js';
import { reminderCommands } from '../sales/reminders/reminder-commands.js';
import {
  defaultReminderConfig,
  parseReminderConfig,
  type ReminderConfigInput,
} from '../sales/reminders/reminder-config.js';
import { searchCommands } from '../sales/search/search-commands.js';
import { serviceCaseCommands } from '../sales/service-cases/service-case-commands.js';
import type { CrmStorage } from '../storage/crm-storage.js';
import { DEFAULT_TENANT_ID, tenantIdSchema } from '../tenancy/tenant.js';
import { systemActor } from './actor.js';
import type { CallOptions } from './call-options.js';
import { newServiceCaches, type ServiceCaches } from './context.js';
import type { Crm } from './crm.js';
import { createRunner, type Runner } from './runner.js';
import type { ServiceSettings } from './settings.js';

export interface CrmOptions {
  storage: CrmStorage;
  /** The workspace every command is confined to; single-tenant apps leave it out. */
  tenant?: string;
  clock?: Clock;
  ids?: IdGenerator;
  /** IANA zone for calendars and date-based reminders. Default Asia/Shanghai. */
  timeZone?: string;
  reminders?: ReminderConfigInput;
  /**
   * Append every accepted command's events to the change feed in its own transaction (default
   * true). Off, `crm.events.since` and the event dispatcher see nothing new.
   */
  changeFeed?: boolean;
  /** How long `crm.with({ idempotencyKey })` remembers a command's first result (default 24 h). */
  idempotencyTtlMs?: number;
  /**
   * The language of every text the service returns or throws, unless a call names its own with
   * `crm.with({ locale })`: `zh-CN`, `en` (the default) or a locale the app adds in `messages`.
   */
  locale?: Locale;
  /**
   * Texts by locale and message key: a new locale (`{ 'zh-TW': { 'lead.gate.hasCompany': '…' } }`)
   * or overrides of Gongfu's own (`{ en: { … } }`). Templates are ICU MessageFormat; a key a
   * locale lacks falls back to English.
   */
  messages?: MessageCatalogues;
  /**
   * The app's own fields per record kind, as zod schemas; their types come from the app's
   * `CustomFieldSchemas` augmentation (see `CustomFieldSchemas`), so once declared there, the same
   * object must be passed here.
   */
  fields?: DeclaredCustomFields;
  /**
   * How lines (lead interests, quotes, deal lines, direct-order lines, demo loans, conversion) are
   * held to the product catalogue. `skus: 'checked'`: every line names an active SKU of the
   * catalogue (an unknown one is a VALIDATION error naming the line's field, with the closest
   * known SKU; a retired one is "discontinued"), unless the app marks it `freeText: true`.
   * `freeTextLines: 'refused'` refuses marked lines too. Defaults: `skus: 'checked'` (a tenant
   * stocks its catalogue with `crm.products.create` before lines name it; `'unchecked'` accepts any
   * well-formed SKU, for an app whose products live elsewhere), `freeTextLines: 'allowed'`. A
   * service option, the same for every tenant the service serves.
   */
  catalogue?: { skus?: SkuCheck; freeTextLines?: FreeTextLines };
}

/** `fields` as the app declared them by augmentation, or any declarations when it declared none. */
export type DeclaredCustomFields = [keyof CustomFieldSchemas] extends [never]
  ? CustomFieldDeclarations
  : CustomFieldSchemas & CustomFieldDeclarations;

/**
 * Creates the sales service over a storage engine. Clock and id generator are injectable so tests
 * never sleep and ids are predictable.
 * @example
 * ```ts
 * const storage = await sqliteStorage({ filename: 'sales.db' });
 * const crm = createCrm({ storage, timeZone: 'Asia/Shanghai' });
 * ```
 */
export function createCrm(options: CrmOptions): Crm {
  const timeZone = parseInput(timeZoneSchema, options.timeZone ?? 'Asia/Shanghai');
  const settings: ServiceSettings = {
    tenantId: parseInput(tenantIdSchema, options.tenant ?? DEFAULT_TENANT_ID),
    clock: options.clock ?? systemClock,
    ids: options.ids ?? uuidIds,
    timeZone,
    reminders: options.reminders
      ? parseReminderConfig({ timeZone, ...options.reminders })
      : { ...defaultReminderConfig, timeZone },
    changeFeed: options.changeFeed ?? true,
    idempotencyTtlMs: options.idempotencyTtlMs ?? 24 * 60 * 60 * 1000,
    locale: options.locale ?? 'en',
    catalogues: buildCatalogues([builtInMessages()], options.messages),
    customFields: compileCustomFields(options.fields),
    catalogue: {
      skus: parseInput(skuCheckSchema, options.catalogue?.skus ?? 'checked', 'catalogue.skus'),
      freeTextLines: parseInput(
        freeTextLinesSchema,
        options.catalogue?.freeTextLines ?? 'allowed',
        'catalogue.freeTextLines',
      ),
    },
  };
  return buildCrm(options, settings, newServiceCaches(), {});
}

/** The command areas of `Crm`, each built from a runner. */
const AREAS = {
  users: userCommands,
  products: productCommands,
  accounts: accountCommands,
  contacts: contactCommands,
  leads: leadCommands,
  opportunities: opportunityCommands,
  orders: orderCommands,
  serviceCases: serviceCaseCommands,
  activities: activityCommands,
  demoLoans: demoLoanCommands,
  costs: costCommands,
  quotas: quotaCommands,
  search: searchCommands,
  ownership: ownershipCommands,
  reminders: reminderCommands,
  history: historyCommands,
  duplicates: duplicateCommands,
  events: eventCommands,
  access: accessCommands,
  config: configCommands,
} as const;
type Areas = { [K in keyof typeof AREAS]: ReturnType<(typeof AREAS)[K]> };

function buildCrm(
  options: CrmOptions,
  settings: ServiceSettings,
  caches: ServiceCaches,
  call: CallOptions,
): Crm {
  const runnerFor = (command?: string, args?: readonly unknown[]) =>
    createRunner(options.storage, settings, caches, {
      options: call,
      ...(command ? { command } : {}),
      ...(args ? { args } : {}),
    });
  const locale = call.locale ?? settings.locale;
  const localized = (e: unknown): never => {
    // Errors are built in English; the reader's language is known only here, at the call's edge.
    if (isCrmError(e)) e.localize(locale, settings.catalogues);
    throw e;
  };
  // Without an idempotency key a runner never reads the command's name or arguments (only
  // `idempotentWrite` does), so each area's commands are built once for the view, not per call.
  const perCall = call.idempotencyKey !== undefined;
  const areas = Object.fromEntries(
    Object.entries(AREAS).map(([name, build]) => [
      name,
      callAware(name, build as (run: Runner) => object, runnerFor, localized, perCall),
    ]),
  ) as unknown as Areas;
  return {
    system: systemActor,
    tenantId: settings.tenantId,
    timeZone: settings.timeZone,
    storage: options.storage,
    clock: settings.clock,
    ...areas,
    locale: call.locale ?? settings.locale,
    locales: Object.keys(settings.catalogues),
    // The view's call options (language, idempotency key) carry over to the other workspace.
    forTenant: (tenant: string) => createCrm({ ...options, tenant }).with(call),
    with: (more: CallOptions) => buildCrm(options, settings, caches, { ...call, ...more }),
    runAs: (actor, fn) => runnerFor().read(actor, fn).catch(localized),
    say: (msg, locale) => renderMessage(msg, locale ?? call.locale ?? settings.locale, settings.catalogues),
    localize: (error) => {
      if (isCrmError(error)) error.localize(locale, settings.catalogues);
      return error;
    },
  };
}

/** The public functions that answer synchronously (pure lookups); every other one returns a promise. */
const SYNCHRONOUS = new Set(['opportunities.stageInfo']);

/**
 * The commands of one area, each bound at call time to a runner that knows the command's name and
 * arguments (what an idempotency key is checked against): `perCall`, the view has a key. Building
 * an area's command object per call costs a few dozen closures, so a view without a key (whose
 * runner never reads the name or arguments) builds it once; the commands stay plain functions of a
 * runner either way.
 */
function callAware<T extends object>(
  area: string,
  build: (run: Runner) => T,
  runnerFor: (command?: string, args?: readonly unknown[]) => Runner,
  localized: (e: unknown) => never,
  perCall: boolean,
): T {
  const shared = build(runnerFor());
  const names = Object.keys(shared) as (keyof T & string)[];
  const bound = {} as T;
  for (const name of names) {
    const command = `${area}.${name}`;
    const synchronous = SYNCHRONOUS.has(command);
    (bound as Record<string, unknown>)[name] = (...args: unknown[]) => {
      try {
        guardArguments(args, !synchronous);
        const commands = perCall ? build(runnerFor(command, args)) : shared;
        const result = (commands[name] as (...a: unknown[]) => unknown)(...args);
        return result instanceof Promise ? result.catch(localized) : result;
      } catch (error) {
        // A command refuses by rejecting its promise; the one synchronous query throws.
        if (synchronous) return localized(error);
        return Promise.reject(error).catch(localized);
      }
    };
  }
  return bound;
}
