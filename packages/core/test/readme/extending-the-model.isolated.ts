// biome-ignore-all format: the README shows this sample line for line (kept equal by readme-example.test.ts)
import { type CustomFieldDeclarations, createCrm } from '@gongfu/core';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import { z } from 'zod';

const fields = { opportunity: { industryCode: z.string(), budgetYear: z.number().int() } } satisfies CustomFieldDeclarations;
type AppFields = typeof fields;
declare module '@gongfu/core' {
  interface CustomFieldSchemas extends AppFields {} // the fields' types flow into inputs and records
  interface CustomStageIds { intake: true; offer: true } // and the new stages into advance/retreat
}
const crm = createCrm({ storage: await sqliteStorage({ filename: 'sales.db' }), fields });
const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
const stage = (id: string, kind: 'open' | 'won' | 'lost', probability: number, forecastCategory = 'pipeline' as const) =>
  ({ id, label: id, kind, probability, forecastCategory, staleAfterDays: kind === 'open' ? 14 : null }) as const;
const dealerPipeline = [stage('intake', 'open', 20), stage('offer', 'open', 60), stage('won', 'won', 100), stage('lost', 'lost', 0)];
await crm.config.update(admin, { expectedVersion: 0, pipelines: { distribution: dealerPipeline } });
const { version, leadSources } = await crm.config.get(admin); // also activityKinds, costCategories, quietCustomer
const tradeShow = { key: 'trade_show', label: { 'zh-CN': '展会', en: 'Trade show' } };
await crm.config.update(admin, { expectedVersion: version, leadSources: [...leadSources, tradeShow], reminders: { defaults: { leadFollowUpDays: 5 } } });
