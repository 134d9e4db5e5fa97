import type { CompiledCustomFields } from '../domain/custom-field-check.js';
import type { Clock, IdGenerator } from '../kernel/ports.js';
import type { ReminderConfig } from '../sales/reminders/reminder-config.js';

/** Resolved options every command sees. */
export interface ServiceSettings {
  tenantId: string;
  clock: Clock;
  ids: IdGenerator;
  /** IANA zone for calendars and date-based reminders (e.g. Asia/Shanghai). */
  timeZone: string;
  reminders: ReminderConfig;
  /** The app's custom fields per record kind, checked when the service was created. */
  customFields: CompiledCustomFields;
}
