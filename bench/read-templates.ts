/**
 * One record of each kind made through the service on a scratch database: the read-path data
 * copies these documents, so every generated row is shaped like one the SDK wrote.
 */
import { openWorld, storyLead } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';
import type { Templates } from './read-data.js';

export async function makeTemplates(): Promise<Templates> {
  const storage = await sqliteStorage({ filename: ':memory:' });
  try {
    const { crm, org } = await openWorld(storage);
    const rep = org.repA;
    const lead = await crm.leads.capture(rep, storyLead());
    const { activity } = await crm.leads.logContact(rep, lead.id, {
      kind: 'visit',
      at: '2026-03-02T10:00:00+08:00',
      outcome: {
        metWith: '王工',
        opinion: 'positive',
        summary: '招标下月发布, 需要方案',
        newRequirements: ['WMS 接口'],
      },
    });
    const { opportunity } = await crm.leads.convert(rep, lead.id, {
      account: { kind: 'system_integrator' },
      requiredDelivery: '2026-06-30',
      region: { province: '37' },
    });
    const cost = await crm.costs.record(rep, {
      category: 'travel',
      amount: { amount: 1280_00, currency: 'CNY' },
      incurredOn: '2026-03-02',
      opportunityId: opportunity.id,
      description: '济南拜访差旅',
    });
    return { user: rep, lead, opportunity, activity, cost };
  } finally {
    await storage.close();
  }
}
