import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { storyLead } from '../support/harness.js';
import { expectCode, expectInvalidField } from '../support/service-expect.js';

/** Expect an InvalidTransitionError carrying the lifecycle's reason. */
async function expectRefused(p: Promise<unknown>, from: string, event: string, reason: string) {
  const error = await expectCode(p, 'INVALID_TRANSITION');
  expect({ from: error.from, event: error.event, reason: error.reason }).toEqual({ from, event, reason });
}

/** The lead lifecycle through the service, and the follow-up reminder it drives. */
export function leadStatusCases(world: () => Promise<ServiceWorld>): void {
  it('qualifies, disqualifies (with a reason), nurtures and recycles, refusing with reasons', async () => {
    const w = await world();
    const { repA } = w.org;
    const lead = await w.crm.leads.capture(repA, storyLead());
    expect((await w.crm.leads.qualify(repA, lead.id)).status).toBe('qualified');
    await expectRefused(
      w.crm.leads.qualify(repA, lead.id),
      'qualified',
      'QUALIFY',
      'the lead is already qualified',
    );
    await expectRefused(
      w.crm.leads.recycle(repA, lead.id),
      'qualified',
      'RECYCLE',
      'only a disqualified or nurtured lead can be recycled',
    );
    await expectInvalidField(w.crm.leads.disqualify(repA, lead.id, { reason: '  ' }), 'reason');
    expect((await w.crm.leads.get(repA, lead.id)).status).toBe('qualified');

    const dropped = await w.crm.leads.disqualify(repA, lead.id, { reason: 'bought from a competitor' });
    expect(dropped).toMatchObject({ status: 'disqualified', disqualifyReason: 'bought from a competitor' });
    await expectRefused(
      w.crm.leads.qualify(repA, lead.id),
      'disqualified',
      'QUALIFY',
      'the lead was disqualified; recycle it to work on it again',
    );
    const back = await w.crm.leads.recycle(repA, lead.id);
    expect(back).toMatchObject({ status: 'working', disqualifyReason: null });

    expect((await w.crm.leads.nurture(repA, lead.id)).status).toBe('nurture');
    await expectRefused(
      w.crm.leads.nurture(repA, lead.id),
      'nurture',
      'NURTURE',
      'the lead is already being nurtured',
    );
    await expectRefused(
      w.crm.leads.qualify(repA, lead.id),
      'nurture',
      'QUALIFY',
      'the lead is being nurtured; recycle it to work on it again',
    );
    expect((await w.crm.leads.recycle(repA, lead.id)).status).toBe('working');
    expect((await w.crm.leads.list(repA, { status: ['working'] })).items.map((l) => l.id)).toEqual([lead.id]);
    expect((await w.crm.leads.list(repA, { status: ['nurture'] })).items).toEqual([]);
  });

  it("lets the manager move a rep's lead, still within the lifecycle", async () => {
    const w = await world();
    const { repA, manager } = w.org;
    const lead = await w.crm.leads.capture(repA, storyLead());
    // The manager may act on the rep's lead; a refusal by the machine is still a refusal.
    expect((await w.crm.leads.nurture(manager, lead.id)).status).toBe('nurture');
    await expectRefused(
      w.crm.leads.convert(manager, lead.id),
      'nurture',
      'CONVERT',
      'the lead is being nurtured; recycle it to work on it again',
    );
  });

  it('reminds the owner to follow up N days after the last contact, and stops after conversion', async () => {
    const w = await world();
    const { repA } = w.org;
    const lead = await w.crm.leads.capture(repA, storyLead());
    const followUps = async () =>
      (await w.crm.reminders.due(repA)).filter((r) => r.kind === 'lead_follow_up').map((r) => r.dueAt);
    // Captured 09:15 Shanghai on 2 March, never contacted: due 09:15 on 5 March.
    w.clock.set('2026-03-05T01:14:59.000Z');
    expect(await followUps()).toEqual([]);
    w.clock.set('2026-03-05T01:15:00.000Z');
    expect(await followUps()).toEqual(['2026-03-05T01:15:00.000Z']);
    const [due] = await w.crm.reminders.due(repA);
    expect(due).toMatchObject({ subjectType: 'lead', subjectId: lead.id, userId: repA.id });
    expect(due?.message).toBe('No contact with 山东恒通系统集成有限公司 for 3 days — follow up');

    await w.crm.leads.logContact(repA, lead.id, {
      kind: 'call',
      at: '2026-03-05T10:00:00+08:00',
      outcome: { summary: 'still deciding' },
    });
    expect(await followUps()).toEqual([]);
    // Three days after the 10:00 call, not after the capture.
    w.clock.set('2026-03-08T01:59:59.000Z');
    expect(await followUps()).toEqual([]);
    w.clock.advance(1_000);
    expect(await followUps()).toEqual(['2026-03-08T02:00:00.000Z']);

    await w.crm.leads.convert(repA, lead.id);
    expect(await followUps()).toEqual([]);
    const stored = await w.storage.read({ tenantId: w.crm.tenantId }, (tx) =>
      tx.reminders.forSubject('lead', lead.id),
    );
    expect(stored).toEqual([]);
  });
}
