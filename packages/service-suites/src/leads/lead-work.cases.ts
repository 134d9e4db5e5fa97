import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { storyLead } from '../support/harness.js';
import { expectCode, expectInvalidField } from '../support/service-expect.js';

const HOUR = 3_600_000;

const outcome = {
  metWith: '王工 (IT manager)',
  opinion: 'positive' as const,
  newRequirements: ['RFID gate at the dock', 'delivery before June'],
  summary: 'Likes the LS2208; wants a WMS demo',
  nextStep: 'send the solution draft',
};

/** Working a lead: edits, contacts with structured outcomes, and the history they leave. */
export function leadWorkCases(world: () => Promise<ServiceWorld>): void {
  it('logs a contact with its structured outcome and moves a new lead to working', async () => {
    const w = await world();
    const { repA } = w.org;
    const lead = await w.crm.leads.capture(repA, storyLead());
    const { lead: worked, activity } = await w.crm.leads.logContact(repA, lead.id, {
      kind: 'visit',
      at: '2026-03-03T10:00:00+08:00',
      outcome,
    });
    expect(worked).toMatchObject({
      status: 'working',
      lastContactAt: '2026-03-03T02:00:00.000Z',
      version: 2,
    });
    expect(activity).toMatchObject({
      kind: 'visit',
      status: 'completed',
      leadId: lead.id,
      ownerId: repA.id,
      startAt: '2026-03-03T02:00:00.000Z',
      subject: 'Visit with 王工 (山东恒通系统集成有限公司)',
      outcome: { ...outcome, contactId: null },
    });
    expect(await w.crm.activities.get(repA, activity.id)).toEqual(activity);
    // An earlier, back-filled call does not pull lastContactAt back.
    const { lead: again } = await w.crm.leads.logContact(repA, lead.id, {
      kind: 'call',
      at: '2026-03-02T15:00:00+08:00',
      outcome: { summary: 'called back' },
    });
    expect(again).toMatchObject({ status: 'working', lastContactAt: '2026-03-03T02:00:00.000Z' });
    // A subject left out is written in the writer's language, the kind in its words.
    const { activity: inChinese } = await w.crm.with({ locale: 'zh-CN' }).leads.logContact(repA, lead.id, {
      kind: 'call',
      at: '2026-03-02T16:00:00+08:00',
      outcome: { summary: '回电' },
    });
    expect(inChinese.subject).toBe('电话：王工（山东恒通系统集成有限公司）');
    // A task is not customer contact; the cast gets the bad input past the type checker.
    await expectInvalidField(
      w.crm.leads.logContact(repA, lead.id, {
        kind: 'task' as 'call',
        at: '2026-03-03T10:00:00+08:00',
        outcome,
      }),
      'kind',
    );
    await expectInvalidField(
      w.crm.leads.logContact(repA, lead.id, {
        kind: 'call',
        at: '2026-03-03T10:00:00+08:00',
        outcome: { summary: '' },
      }),
      'outcome.summary',
    );
  });

  it('updates an open lead and refuses to touch a converted one', async () => {
    const w = await world();
    const { repA } = w.org;
    const lead = await w.crm.leads.capture(repA, storyLead());
    const updated = await w.crm.leads.update(repA, lead.id, {
      contact: { name: '王工', phone: '0531-8888 0000', email: 'Wang@HengTong.example' },
      expectedVersion: 1,
    });
    expect(updated).toMatchObject({
      version: 2,
      company: lead.company,
      contact: { name: '王工', email: 'wang@hengtong.example' },
    });
    const stale = await expectCode(
      w.crm.leads.update(repA, lead.id, { company: 'x', expectedVersion: 1 }),
      'CONCURRENCY',
    );
    expect(stale).toMatchObject({ expected: 1, actual: 2 });
    await w.crm.leads.qualify(repA, lead.id);
    await w.crm.leads.convert(repA, lead.id);
    const refused = await expectCode(
      w.crm.leads.update(repA, lead.id, { company: '改名' }),
      'INVALID_TRANSITION',
    );
    expect(refused).toMatchObject({ from: 'converted', event: 'UPDATE' });
    expect((await w.crm.leads.get(repA, lead.id)).company).toBe(lead.company);
  });

  it('writes the history of every change: event, actor, before → after', async () => {
    const w = await world();
    const { repA, manager } = w.org;
    const lead = await w.crm.leads.capture(repA, storyLead());
    w.clock.advance(HOUR);
    await w.crm.leads.logContact(repA, lead.id, {
      kind: 'call',
      at: '2026-03-02T10:00:00+08:00',
      outcome: { summary: 'interested' },
    });
    w.clock.advance(HOUR);
    await w.crm.leads.disqualify(manager, lead.id, { reason: 'budget frozen until next year' });
    const history = await w.crm.history.forRecord(manager, 'lead', lead.id);
    expect(history.map((e) => [e.event, e.actorId, e.version, e.at])).toEqual([
      ['lead.captured', repA.id, 1, '2026-03-02T01:00:00.000Z'],
      ['lead.contacted', repA.id, 2, '2026-03-02T02:00:00.000Z'],
      ['lead.disqualified', manager.id, 3, '2026-03-02T03:00:00.000Z'],
    ]);
    expect(history[0]?.changes.status).toEqual({ from: null, to: 'new' });
    expect(history[1]?.changes).toEqual({
      status: { from: 'new', to: 'working' },
      lastContactAt: { from: null, to: '2026-03-02T02:00:00.000Z' },
    });
    expect(history[2]?.changes).toEqual({
      status: { from: 'working', to: 'disqualified' },
      disqualifyReason: { from: null, to: 'budget frozen until next year' },
    });
    await expectCode(w.crm.history.forRecord(w.org.repB, 'lead', lead.id), 'NOT_FOUND');
  });
}
