import type { Account, Crm, Lead, ManualClock, Opportunity, User } from '@gongfu/core';
import { channelLabel, stageLabel } from './labels.js';
import { cny, type Printer } from './print.js';

/** Everyone and everything the later chapters (and the manager's desk) refer to. */
export interface Cast {
  admin: User;
  li: User;
  jia: User;
  yi: User;
  bing: User;
  ding: User;
  presales: User;
  service: User;
  /** 甲's key-account project and 乙's: one tender seen through two integrators. */
  dealA: Opportunity;
  dealB: Opportunity;
  hengtong: Account;
  ruida: Account;
  /** 丙's distribution deal: switches for a supermarket chain. */
  switches: Opportunity;
  /** 丁's wireless deal: handhelds for a parcel hub, with a demo unit out. */
  handhelds: Opportunity;
  event: Lead;
}

/**
 * The other two channels the company sells through: 丙 sells standard products through
 * distribution (short deals, a quote and done), 丁 sells wireless handhelds and lends a demo unit
 * before quoting. Both deals stay open, so they are the open pipeline at the end of the story.
 */
export async function openTheWirelessAndDistributionDeals(
  crm: Crm,
  clock: ManualClock,
  p: Printer,
  who: { bing: User; ding: User; lianhua: Account; revisit: Lead; wirelessCall: Lead },
): Promise<Pick<Cast, 'switches' | 'handhelds'>> {
  const { bing, ding, lianhua, revisit, wirelessCall } = who;
  p.heading(p.t('分销和无线: 丙和丁的单子', 'Distribution and wireless: the deals of 丙 and 丁'));
  clock.set('2026-03-04T03:00:00.000Z');
  await crm.leads.logContact(bing, revisit.id, {
    kind: 'call',
    at: '2026-03-04T10:30:00+08:00',
    outcome: {
      metWith: '孙采购',
      opinion: 'positive',
      summary: '门店扩张, 要 10 台交换机',
      nextStep: '报价',
    },
  });
  await crm.leads.quote(bing, revisit.id, {
    sku: 'NET-SW24',
    quantity: 10,
    unitPrice: cny(3050),
    validUntil: '2026-03-31',
  });
  const { opportunity: converted } = await crm.leads.convert(bing, revisit.id, {
    opportunityName: '联华 门店交换机',
    account: { existingId: lianhua.id },
    expectedClose: '2026-03-31',
  });
  const switches = await crm.opportunities.advance(bing, converted.id, { to: 'proposal' });

  clock.set('2026-03-04T06:00:00.000Z');
  await crm.leads.logContact(ding, wirelessCall.id, {
    kind: 'call',
    at: '2026-03-04T14:00:00+08:00',
    outcome: { metWith: '周主管', opinion: 'neutral', summary: '想先试用两周再定', nextStep: '送样机' },
  });
  const { opportunity: lead2deal, account: hub } = await crm.leads.convert(ding, wirelessCall.id, {
    opportunityName: '顺丰济南 手持终端',
    account: { kind: 'end_user' },
    expectedClose: '2026-04-30',
  });
  const handhelds = await crm.opportunities.advance(ding, lead2deal.id, { to: 'demo' });
  const loan = await crm.demoLoans.lend(ding, {
    sku: 'MC3300',
    serial: 'MC33-DEMO-07',
    accountId: hub.id,
    opportunityId: handhelds.id,
    dueBack: '2026-03-18',
  });

  p.table(
    [
      p.t('商机', 'deal'),
      p.t('负责人', 'owner'),
      p.t('渠道', 'channel'),
      p.t('阶段', 'stage'),
      p.t('金额', 'amount'),
    ],
    [
      [
        switches.name,
        bing.name,
        channelLabel('distribution', p.lang),
        stageLabel(switches.stage, p.lang),
        p.yuan(switches.amount),
      ],
      [
        handhelds.name,
        ding.name,
        channelLabel('wireless', p.lang),
        stageLabel(handhelds.stage, p.lang),
        p.yuan(handhelds.amount),
      ],
    ],
  );
  p.line(
    p.t(
      `丁把样机 ${loan.serial} 借给${hub.name}, ${loan.dueBack} 前归还; 无线的流程在报价前先试用样机.`,
      `丁 lends demo unit ${loan.serial} to ${hub.name}, due back ${loan.dueBack}: wireless deals demo before they quote.`,
    ),
  );
  return { switches, handhelds };
}
