import { DEFAULT_TENANT_ID, tenantIdSchema } from '../domain/tenant.js';
import { timeZoneSchema } from '../domain/time-zone.js';
import { type Clock, type IdGenerator, systemClock, uuidIds } from '../kernel/ports.js';
import { parseInput } from '../kernel/validate.js';
import { defaultReminderConfig, parseReminderConfig, type ReminderConfigInput } from '../reminders/index.js';
import type { CrmStorage } from '../storage/crm-storage.js';
import { accountCommands } from './accounts.js';
import { activityCommands } from './activities.js';
import { systemActor } from './actor.js';
import { contactCommands } from './contacts.js';
import { costCommands } from './costs.js';
import { demoLoanCommands } from './demo-loans.js';
import { duplicateCommands } from './duplicates.js';
import { historyCommands } from './history-api.js';
import { leadCommands } from './leads.js';
import { opportunityCommands } from './opportunities.js';
import { orderCommands } from './orders.js';
import { ownershipCommands } from './ownership.js';
import { productCommands } from './products.js';
import { reminderCommands } from './reminders-api.js';
import { createRunner } from './runner.js';
import { serviceCaseCommands } from './service-cases.js';
import type { ServiceSettings } from './settings.js';
import { userCommands } from './users.js';

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
