import type { Locale, Message } from '../kernel/message.js';
import type { Clock } from '../kernel/ports.js';
import type { AccessCommands } from '../sales/access-explanations/access-commands.js';
import type { AccountCommands } from '../sales/accounts/account-commands.js';
import type { ContactCommands } from '../sales/accounts/contact-commands.js';
import type { ActivityCommands } from '../sales/activities/activity-commands.js';
import type { ConfigCommands } from '../sales/config/config-commands.js';
import type { CostCommands } from '../sales/costs/cost-commands.js';
import type { DemoLoanCommands } from '../sales/demo-loans/demo-loan-commands.js';
import type { DuplicateCommands } from '../sales/duplicates/duplicate-commands.js';
import type { EventCommands } from '../sales/events/event-commands.js';
import type { HistoryCommands } from '../sales/history/history-commands.js';
import type { LeadCommands } from '../sales/leads/lead-commands.js';
import type { OpportunityCommands } from '../sales/opportunities/opportunity-commands.js';
import type { OrderCommands } from '../sales/orders/order-commands.js';
import type { UserCommands } from '../sales/org/user-commands.js';
import type { OwnershipCommands } from '../sales/ownership/ownership-commands.js';
import type { ProductCommands } from '../sales/products/product-commands.js';
import type { QuotaCommands } from '../sales/quotas/quota-commands.js';
import type { ReminderCommands } from '../sales/reminders/reminder-commands.js';
import type { SearchCommands } from '../sales/search/search-commands.js';
import type { ServiceCaseCommands } from '../sales/service-cases/service-case-commands.js';
import type { CrmStorage } from '../storage/crm-storage.js';
import type { ActorRef } from './actor.js';
import type { CallOptions } from './call-options.js';
import type { CommandContext } from './context.js';

/**
 * The sales domain as one object: `crm.<area>.<verb>(actor, …)`. Every command takes the acting user
 * first, runs in one transaction, validates its input, checks the actor's rights, moves the
 * lifecycle, writes the history and keeps reminders current. Two instances never share state.
 *
 * @example
 * ```ts
 * const crm = createCrm({ storage: await sqliteStorage({ filename: 'sales.db' }) });
 * const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
 * ```
 */
export interface Crm {
  /** The built-in actor for bootstrapping (creating the first admin) and for background jobs. */
  readonly system: { readonly id: string };
  /** The workspace every command of this instance is confined to. */
  readonly tenantId: string;
  /** IANA zone for calendars and date-based reminders. */
  readonly timeZone: string;
  readonly storage: CrmStorage;
  readonly clock: Clock;
  /** People, roles and the reporting lines that decide who sees what. */
  readonly users: UserCommands;
  /** The product catalogue. */
  readonly products: ProductCommands;
  /** Customers (end users, system integrators, dealers), their teams, merges. */
  readonly accounts: AccountCommands;
  /** The people at a customer. */
  readonly contacts: ContactCommands;
  /** Inquiries, their quotes, and conversion into deals (线索管理). */
  readonly leads: LeadCommands;
  /** Pre-sales deals along a pipeline per channel (售前机会管理). */
  readonly opportunities: OpportunityCommands;
  /** Won business: shipments, delivery, warranty (订单管理). */
  readonly orders: OrderCommands;
  /** Repairs and replacements after delivery. */
  readonly serviceCases: ServiceCaseCommands;
  /** Visits, calls, meetings and the salesperson's calendar (日程管理). */
  readonly activities: ActivityCommands;
  /** Demo units lent to customers and their return. */
  readonly demoLoans: DemoLoanCommands;
  /** The costs of selling, rolled up by deal, customer and person (销售成本管理). */
  readonly costs: CostCommands;
  /** Sales targets per person or team, period and channel (销售指标). */
  readonly quotas: QuotaCommands;
  /** One search over accounts, contacts, leads and deals: Chinese, pinyin, phones, credit codes. */
  readonly search: SearchCommands;
  /** Handing a leaver's or a mover's records to someone else. */
  readonly ownership: OwnershipCommands;
  /** Follow-ups and other reminders due for a person. */
  readonly reminders: ReminderCommands;
  /** Who changed what, when, from what, to what. */
  readonly history: HistoryCommands;
  /** The change feed: what happened, in commit order, scoped like every read. */
  readonly events: EventCommands;
  /** The manager's verdicts on duplicate deals: one deal, or two. */
  readonly duplicates: DuplicateCommands;
  /** Why a person may see a record, for every kind of record (ownership, reporting line, teams). */
  readonly access: AccessCommands;
  /** The workspace's own configuration (pipelines per channel), versioned. Admins only. */
  readonly config: ConfigCommands;
  /** The same service bound to another tenant (workspace), with this view's call options (`with`). */
  forTenant(tenant: string): Crm;
  /**
   * The same service with options for the calls made through the returned view: an idempotency
   * key for a safe retry, the language of the texts.
   * @example
   * ```ts
   * const lead = await crm.with({ idempotencyKey: req.headers['idempotency-key'] }).leads.capture(jia, input);
   * const due = await crm.with({ locale: 'zh-CN' }).reminders.due(jia, { at: now });
   * ```
   */
  with(options: CallOptions): Crm;
  /**
   * Run a read-only function with the actor's context: its transaction, visibility scope and org
   * chart. The extension point of report packages such as `@gongfu/reports`.
   */
  runAs<T>(actor: ActorRef, fn: (ctx: CommandContext) => Promise<T>): Promise<T>;
  /** The language texts are rendered in through this view (`crm.with({ locale })`, else the service's). */
  readonly locale: Locale;
  /**
   * The locales this service has texts in: the built-in `zh-CN` and `en`, then those the app added
   * in `createCrm({ messages })`. What `@gongfu/http` matches `Accept-Language` against by default.
   */
  readonly locales: readonly Locale[];
  /**
   * A message (`{ key, params }`: an error's `detail`, a refusal's `reasonDetail`, a reminder's
   * `message`) rendered in this view's language, or in `locale` when given.
   * @example
   * ```ts
   * const d = decideOpportunity(channel, stage, facts, { type: 'WIN' });
   * if (!d.ok) console.log(crm.with({ locale: 'zh-CN' }).say(d.reasonDetail)); // 商机金额须大于零
   * ```
   */
  say(message: Message, locale?: Locale): string;
  /**
   * A `CrmError` re-rendered in this view's language (its `message`, and its issues' or reason's
   * texts), as every command's errors are before they leave it; anything else is returned as it is.
   * For packages that add functions beside the commands (`@gongfu/reports`) and throw outside `runAs`.
   */
  localize<E>(error: E): E;
}
