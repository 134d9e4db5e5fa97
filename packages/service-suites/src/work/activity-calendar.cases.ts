import type { Activity, User } from '@gongfu/core';
import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { storyLead } from '../support/harness.js';
import { expectCode } from '../support/service-expect.js';

type Day = { date: string; activities: Activity[] };
const ids = (days: readonly Day[], date: string) =>
  days.find((d) => d.date === date)?.activities.map((a) => a.subject);
const dates = (days: readonly Day[]) => days.map((d) => d.date);
const allSubjects = (days: readonly Day[]) => days.flatMap((d) => d.activities.map((a) => a.subject));

async function leadOf(w: ServiceWorld, rep: User, company: string) {
  const channel = rep.channel === 'distribution' ? 'distribution' : 'key_account';
  return w.crm.leads.capture(rep, storyLead({ company, channel }));
}

async function plan(
  w: ServiceWorld,
  rep: User,
  leadId: string,
  subject: string,
  startAt: string,
  timeZone?: string,
) {
  return w.crm.activities.schedule(rep, {
    kind: 'call',
    subject,
    startAt,
    leadId,
    ...(timeZone ? { timeZone } : {}),
  });
}

/** Day / week / month views: local days in an IANA zone, DST and month ends, and whose calendar. */
export function registerCalendarCases(world: () => Promise<ServiceWorld>): void {
  it('places 23:30 on Jan 31 Shanghai time on Jan 31, and 00:30 Feb 1 on Feb 1', async () => {
    const w = await world();
    const { repA } = w.org;
    const lead = await leadOf(w, repA, '济南物流');
    await plan(w, repA, lead.id, 'late', '2026-01-31T23:30:00+08:00');
    await plan(w, repA, lead.id, 'morning', '2026-01-31T09:00:00+08:00');
    await plan(w, repA, lead.id, 'after-midnight', '2026-02-01T00:30:00+08:00');
    const dropped = await plan(w, repA, lead.id, 'dropped', '2026-01-30T10:00:00+08:00');
    await w.crm.activities.cancel(repA, dropped.id, { reason: 'customer travelling' });

    const jan = await w.crm.activities.calendar(repA, { view: 'month', date: '2026-01-15' });
    expect(jan.range).toEqual({
      from: '2025-12-31T16:00:00.000Z',
      to: '2026-01-31T16:00:00.000Z',
      timeZone: 'Asia/Shanghai',
    });
    expect(jan.days).toHaveLength(31);
    expect(ids(jan.days, '2026-01-31')).toEqual(['morning', 'late']);
    expect(allSubjects(jan.days)).toEqual(['morning', 'late']);

    const feb = await w.crm.activities.calendar(repA, {
      view: 'month',
      date: '2026-02-28',
      timeZone: 'Asia/Shanghai',
    });
    expect(dates(feb.days)).toHaveLength(28);
    expect(ids(feb.days, '2026-02-01')).toEqual(['after-midnight']);

    const day = await w.crm.activities.calendar(repA, { view: 'day', date: '2026-01-31' });
    expect(day.range).toMatchObject({ from: '2026-01-30T16:00:00.000Z', to: '2026-01-31T16:00:00.000Z' });
    expect(dates(day.days)).toEqual(['2026-01-31']);

    // Thursday Jan 29 → the Monday-first week Jan 26 – Feb 1, across the month end.
    const week = await w.crm.activities.calendar(repA, { view: 'week', date: '2026-01-29' });
    expect(week.range).toMatchObject({ from: '2026-01-25T16:00:00.000Z', to: '2026-02-01T16:00:00.000Z' });
    expect(dates(week.days)).toEqual([
      '2026-01-26',
      '2026-01-27',
      '2026-01-28',
      '2026-01-29',
      '2026-01-30',
      '2026-01-31',
      '2026-02-01',
    ]);
    expect(ids(week.days, '2026-01-31')).toEqual(['morning', 'late']);
    expect(ids(week.days, '2026-02-01')).toEqual(['after-midnight']);
    expect(ids(week.days, '2026-01-30')).toEqual([]);
  });

  it('handles the America/New_York spring-forward day (2026-03-08, 23 hours)', async () => {
    const w = await world();
    const { repA } = w.org;
    const lead = await leadOf(w, repA, 'Hudson Logistics');
    const zone = 'America/New_York';
    await plan(w, repA, lead.id, 'early', '2026-03-08T00:30:00-05:00', zone);
    await plan(w, repA, lead.id, 'late', '2026-03-08T23:30:00-04:00', zone);
    await plan(w, repA, lead.id, 'next', '2026-03-09T00:30:00-04:00', zone);

    const day = await w.crm.activities.calendar(repA, { view: 'day', date: '2026-03-08', timeZone: zone });
    expect(day.range).toEqual({
      from: '2026-03-08T05:00:00.000Z',
      to: '2026-03-09T04:00:00.000Z',
      timeZone: zone,
    });
    expect(day.days).toHaveLength(1);
    expect(ids(day.days, '2026-03-08')).toEqual(['early', 'late']);

    const week = await w.crm.activities.calendar(repA, { view: 'week', date: '2026-03-08', timeZone: zone });
    expect(week.range).toMatchObject({ from: '2026-03-02T05:00:00.000Z', to: '2026-03-09T04:00:00.000Z' });
    expect(dates(week.days)[0]).toBe('2026-03-02');
    expect(allSubjects(week.days)).toEqual(['early', 'late']);

    const month = await w.crm.activities.calendar(repA, {
      view: 'month',
      date: '2026-03-31',
      timeZone: zone,
    });
    expect(month.range).toMatchObject({ from: '2026-03-01T05:00:00.000Z', to: '2026-04-01T04:00:00.000Z' });
    expect(month.days).toHaveLength(31);
    expect(ids(month.days, '2026-03-09')).toEqual(['next']);

    // The same instants seen from Shanghai fall on Shanghai's days.
    const shanghai = await w.crm.activities.calendar(repA, { view: 'day', date: '2026-03-09' });
    expect(allSubjects(shanghai.days)).toEqual(['late', 'next']);
  });

  it('shows a manager the team, refuses a peer’s calendar, and never mixes a peer into one’s own', async () => {
    const w = await world();
    const { repA, repB, manager, otherManager, otherRep, admin } = w.org;
    const leadA = await leadOf(w, repA, '甲的客户');
    const leadB = await leadOf(w, repB, '乙的客户');
    const leadC = await leadOf(w, otherRep, '丙的经销商');
    await plan(w, repA, leadA.id, 'A', '2026-03-03T10:00:00+08:00');
    await plan(w, repB, leadB.id, 'B', '2026-03-03T11:00:00+08:00');
    await plan(w, otherRep, leadC.id, 'C', '2026-03-03T12:00:00+08:00');
    // 乙 puts 甲 on the deal team, so 甲 may read 乙's deal activity — but it is still 乙's appointment.
    await w.crm.leads.qualify(repB, leadB.id);
    const { opportunity } = await w.crm.leads.convert(repB, leadB.id);
    await w.crm.opportunities.addTeamMember(repB, opportunity.id, {
      userId: repA.id,
      role: 'sales',
      access: 'read',
    });
    const onDeal = await w.crm.activities.schedule(repB, {
      kind: 'meeting',
      subject: 'B-deal',
      startAt: '2026-03-04T10:00:00+08:00',
      opportunityId: opportunity.id,
    });
    expect((await w.crm.activities.get(repA, onDeal.id)).ownerId).toBe(repB.id);

    const week = { view: 'week' as const, date: '2026-03-03' };
    expect(allSubjects((await w.crm.activities.calendar(manager, { ...week, userId: 'team' })).days)).toEqual(
      ['A', 'B', 'B-deal'],
    );
    expect(
      allSubjects((await w.crm.activities.calendar(manager, { ...week, userId: repA.id })).days),
    ).toEqual(['A']);
    expect(allSubjects((await w.crm.activities.calendar(admin, { ...week, userId: repB.id })).days)).toEqual([
      'B',
      'B-deal',
    ]);
    expect(allSubjects((await w.crm.activities.calendar(repA, week)).days)).toEqual(['A']);
    expect(allSubjects((await w.crm.activities.calendar(repA, { ...week, userId: 'team' })).days)).toEqual([
      'A',
    ]);
    expect(allSubjects((await w.crm.activities.calendar(repA, { ...week, userId: repA.id })).days)).toEqual([
      'A',
    ]);
    await expectCode(w.crm.activities.calendar(repA, { ...week, userId: repB.id }), 'PERMISSION_DENIED');
    await expectCode(
      w.crm.activities.calendar(otherManager, { ...week, userId: repA.id }),
      'PERMISSION_DENIED',
    );
    await expectCode(w.crm.activities.calendar(manager, { ...week, userId: 'user_999' }), 'NOT_FOUND');
  });
  it('lists each day’s first perDay and counts the rest the reader may see, never a peer’s', async () => {
    const w = await world();
    const { repA, repB, manager, otherRep } = w.org;
    const leadA = await leadOf(w, repA, '甲的日程');
    const leadB = await leadOf(w, repB, '乙的日程');
    const leadC = await leadOf(w, otherRep, '丙的日程');
    for (const hour of ['09', '11', '14', '16'])
      await plan(w, repA, leadA.id, `A${hour}`, `2026-03-03T${hour}:00:00+08:00`);
    await plan(w, repB, leadB.id, 'B10', '2026-03-03T10:00:00+08:00');
    // Another manager's rep, the same day: neither listed nor counted on this team's calendar.
    await plan(w, otherRep, leadC.id, 'C08', '2026-03-03T08:00:00+08:00');
    await plan(w, otherRep, leadC.id, 'C12', '2026-03-03T12:00:00+08:00');
    await plan(w, repA, leadA.id, 'A-next', '2026-03-04T09:00:00+08:00');

    const week = { view: 'week' as const, date: '2026-03-03' };
    const team = await w.crm.activities.calendar(manager, { ...week, userId: 'team', perDay: 2 });
    const tuesday = team.days.find((d) => d.date === '2026-03-03');
    expect(tuesday?.activities.map((a) => a.subject)).toEqual(['A09', 'B10']);
    expect(tuesday?.more).toBe(3);
    expect(tuesday?.activities.every((a) => a.regardingLabel !== null)).toBe(true);
    const wednesday = team.days.find((d) => d.date === '2026-03-04');
    expect([wednesday?.activities.map((a) => a.subject), wednesday?.more]).toEqual([['A-next'], 0]);
    expect(
      team.days.filter((d) => d.date !== '2026-03-03' && d.date !== '2026-03-04').every((d) => d.more === 0),
    ).toBe(true);

    const own = await w.crm.activities.calendar(repA, { ...week, perDay: 3 });
    const mine = own.days.find((d) => d.date === '2026-03-03');
    expect([mine?.activities.map((a) => a.subject), mine?.more]).toEqual([['A09', 'A11', 'A14'], 1]);
    // The default lists all five of the team's Tuesday.
    const all = await w.crm.activities.calendar(manager, { ...week, userId: 'team' });
    expect(all.days.find((d) => d.date === '2026-03-03')?.activities).toHaveLength(5);
    expect(all.days.every((d) => d.more === 0)).toBe(true);
    await expectCode(w.crm.activities.calendar(manager, { ...week, perDay: 0 }), 'VALIDATION');
    await expectCode(w.crm.activities.calendar(manager, { ...week, perDay: 501 }), 'VALIDATION');
  });
}
