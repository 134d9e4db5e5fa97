import { describe, expect, it } from 'vitest';
import { remindersForActivity } from '../../src/index.js';
import { activity, config, HENGTONG } from './fixtures.js';

describe('upcoming_activity', () => {
  it('is due an hour before a scheduled visit, naming the local start time', () => {
    // 14:00 Shanghai = 06:00 UTC
    expect(remindersForActivity(activity(), config())).toMatchObject([
      {
        key: 'upcoming_activity:act_5',
        kind: 'upcoming_activity',
        subjectType: 'activity',
        subjectId: 'act_5',
        userId: 'user_jia',
        dueAt: '2026-03-05T05:00:00.000Z',
        escalateAt: '2026-03-07T05:00:00.000Z',
        message: `Visit with ${HENGTONG} at 14:00 on 2026-03-05 — starts in 60 minutes`,
      },
    ]);
  });

  it('uses the configured lead minutes, across midnight into the previous UTC day', () => {
    const c = config({ defaults: { activityLeadMinutes: 90 } });
    const [r] = remindersForActivity(activity({ startAt: '2026-03-05T00:30:00.000Z' }), c);
    expect(r?.dueAt).toBe('2026-03-04T23:00:00.000Z');
  });

  it('counts elapsed minutes across a DST change (01:30 EST is 60 real minutes before 03:30 EDT)', () => {
    const ny = config({ timeZone: 'America/New_York' });
    // 2026-03-08 03:30 EDT = 07:30 UTC; an hour earlier is 01:30 EST = 06:30 UTC
    const [r] = remindersForActivity(activity({ startAt: '2026-03-08T07:30:00.000Z' }), ny);
    expect(r?.dueAt).toBe('2026-03-08T06:30:00.000Z');
    expect(r?.message).toContain('at 03:30 on 2026-03-08');
  });

  it.each(['completed', 'cancelled'] as const)('yields nothing for a %s activity', (status) => {
    expect(remindersForActivity(activity({ status }), config())).toEqual([]);
  });
});
