import { timeZoneSchema } from '../domain/time-zone.js';
import { type Clock, type IdGenerator, systemClock, uuidIds } from '../kernel/ports.js';
import { parseInput } from '../kernel/validate.js';
import { accountCommands } from '../sales/accounts/account-commands.js';
import { contactCommands } from '../sales/accounts/contact-commands.js';
import { activityCommands } from '../sales/activities/activity-commands.js';
import { costCommands } from '../sales/costs/cost-commands.js';
import { demoLoanCommands } from '../sales/demo-loans/demo-loan-commands.js';
import { duplicateCommands } from '../sales/duplicates/duplicate-commands.js';
import { historyCommands } from '../sales/history/history-commands.js';
import { leadCommands } from '../sales/leads/lead-commands.js';
import { opportunityCommands } from '../sales/opportunities/opportunity-commands.js';
import { orderCommands } from '../sales/orders/order-commands.js';
import { userCommands } from '../sales/org/user-commands.js';
import { ownershipCommands } from '../sales/ownership/ownership-commands.js';
import { productCommands } from '../sales/products/product-commands.js';
import { reminderCommands } from '../sales/reminders/reminder-commands.js';
import {
  defaultReminderConfig,
  parseReminderConfig,
  type ReminderConfigInput,
} from '../sales/reminders/reminder-config.js';
import { serviceCaseCommands } from '../sales/service-cases/service-case-commands.js';
import type { CrmStorage } from '../storage/crm-storage.js';
import { DEFAULT_TENANT_ID, tenantIdSchema } from '../tenancy/tenant.js';
import { systemActor } from './actor.js';
import type { Crm } from './crm.js';
import { createRunner } from './runner.js';
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
}

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
  };
  const run = createRunner(options.storage, settings);
  return {
    system: systemActor,
    tenantId: settings.tenantId,
    timeZone,
    storage: options.storage,
    clock: settings.clock,
    users: userCommands(run),
    products: productCommands(run),
    accounts: accountCommands(run),
    contacts: contactCommands(run),
    leads: leadCommands(run),
    opportunities: opportunityCommands(run),
    orders: orderCommands(run),
    serviceCases: serviceCaseCommands(run),
    activities: activityCommands(run),
    demoLoans: demoLoanCommands(run),
    costs: costCommands(run),
    ownership: ownershipCommands(run),
    reminders: reminderCommands(run),
    history: historyCommands(run),
    duplicates: duplicateCommands(run),
    forTenant: (tenant: string) => createCrm({ ...options, tenant }),
    runAs: run.read,
  };
}
