import type {
  AccessExplanation,
  Account,
  Activity,
  Calendar,
  Contact,
  ConversionResult,
  CostEntry,
  CostTotal,
  DemoLoan,
  DuplicateResolution,
  HistoryEvent,
  Lead,
  MergeRecord,
  Opportunity,
  Order,
  PipelineMigration,
  PipelineStage,
  Product,
  Quota,
  QuoteEntry,
  Reminder,
  ResolvedPipeline,
  SameDealLink,
  SearchResult,
  ServiceCase,
  TeamMemberRow,
  TenantConfig,
  TenantConfigVersion,
  TimelineEntry,
  TransferResult,
  User,
  WinResult,
} from '@gongfu/core';

/**
 * Every type a route answers with, by the name it has in the OpenAPI document's
 * `components.schemas`. The JSON Schemas are generated from this interface
 * (`npm run generate -w @gongfu/http`), and the route table's types check each route's documented
 * response against what its `Crm` member returns.
 */
export interface ResponseRecords {
  AccessExplanation: AccessExplanation;
  Account: Account;
  Activity: Activity;
  Calendar: Calendar;
  Contact: Contact;
  ConversionResult: ConversionResult;
  CostEntry: CostEntry;
  Quota: Quota;
  CostTotal: CostTotal;
  DemoLoan: DemoLoan;
  DuplicateResolution: DuplicateResolution;
  HistoryEvent: HistoryEvent;
  Lead: Lead;
  LeadContactLogged: { lead: Lead; activity: Activity };
  MergeRecord: MergeRecord;
  Opportunity: Opportunity;
  Order: Order;
  PipelineMigration: PipelineMigration;
  PipelineStage: PipelineStage;
  Product: Product;
  QuoteEntry: QuoteEntry;
  Reminder: Reminder;
  ResolvedPipeline: ResolvedPipeline;
  SameDealLink: SameDealLink;
  SearchResult: SearchResult;
  ServiceCase: ServiceCase;
  TeamMemberRow: TeamMemberRow;
  TimelineEntry: TimelineEntry;
  TenantConfig: TenantConfig;
  TenantConfigVersion: TenantConfigVersion;
  TransferResult: TransferResult;
  User: User;
  WinResult: WinResult;
}

export type ResponseName = keyof ResponseRecords;
