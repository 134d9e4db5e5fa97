import type { CompiledCustomFields } from '../domain/custom-field-check.js';
import type { Locale, MessageCatalogues } from '../kernel/message.js';
import type { Clock, IdGenerator } from '../kernel/ports.js';
import type { FreeTextLines, SkuCheck } from '../sales/products/catalogue-lines.js';
import type { ReminderConfig } from '../sales/reminders/reminder-config.js';

/** Resolved options every command sees. */
export interface ServiceSettings {
  tenantId: string;
  clock: Clock;
  ids: IdGenerator;
  /** IANA zone for calendars and date-based reminders (e.g. Asia/Shanghai). */
  timeZone: string;
  reminders: ReminderConfig;
  /** Append every accepted command's events to the change feed (default true). */
  changeFeed: boolean;
  /** How long an idempotency key holds its first result (ms). */
  idempotencyTtlMs: number;
  /** The language of texts when a call names none (`createCrm({ locale })`, default `en`). */
  locale: Locale;
  /** Gongfu's catalogues with the app's added locales and overrides laid on top. */
  catalogues: MessageCatalogues;
  /** The app's custom fields per record kind, checked when the service was created. */
  customFields: CompiledCustomFields;
  /** How lines are checked against the product catalogue (`createCrm({ catalogue })`). */
  catalogue: { skus: SkuCheck; freeTextLines: FreeTextLines };
}
