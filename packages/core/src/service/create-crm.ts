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
 * The sales domain as one object: `crm.<area>.<verb>(actor, …)`. Every command runs in one
 * transaction, validates its input, checks the actor's rights, moves the lifecycle, writes the
 * history and keeps reminders current. Two instances never share state.
 */
export function createCrm(options: CrmOptions) {
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
    /** The built-in actor for bootstrapping (the first admin) and background jobs. */
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
    /** The same service bound to another tenant (workspace). */
    forTenant: (tenant: string) => createCrm({ ...options, tenant }),
    /** Run a read-only function with the actor's context (used by @gongfu/reports). */
    runAs: run.read,
  };
}

export type Crm = ReturnType<typeof createCrm>;
