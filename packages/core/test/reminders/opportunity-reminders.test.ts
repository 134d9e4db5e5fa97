import { describe, expect, it } from 'vitest';
import { remindersForOpportunity } from '../../src/index.js';
import { config, HENGTONG, opportunity } from './fixtures.js';

describe('stale_opportunity', () => {
  it('is due staleAfterDays after the stage was entered', () => {
    expect(remindersForOpportunity(opportunity(), config())).toMatchObject([
      {
        key: 'stale_opportunity:opp_3',
        kind: 'stale_opportunity',
        subjectType: 'opportunity',
        subjectId: 'opp_3',
        userId: 'user_jia',
        dueAt: '2026-03-24T02:00:00.000Z',
        escalateAt: '2026-03-26T02:00:00.000Z',
        message: `${HENGTONG} has been in stage "Solution" for 14 days — move it on`,
      },
    ]);
  });

  it('lets config override the template per channel and stage, and switch it off with null', () => {
    const c = config({ channels: { key_account: { staleAfterDaysByStage: { solution: 7, quote: null } } } });
    expect(remindersForOpportunity(opportunity(), c)[0]?.dueAt).toBe('2026-03-17T02:00:00.000Z');
    expect(remindersForOpportunity(opportunity({ stage: 'quote' }), c)).toEqual([]);
    expect(remindersForOpportunity(opportunity({ channel: 'distribution' }), c)[0]?.dueAt).toBe(
      '2026-03-24T02:00:00.000Z',
    );
  });

  it('yields nothing when the stage has no limit or the opportunity is closed', () => {
    expect(remindersForOpportunity(opportunity({ staleAfterDays: null }), config())).toEqual([]);
    expect(remindersForOpportunity(opportunity({ stage: 'won', stageOpen: false }), config())).toEqual([]);
  });
});
