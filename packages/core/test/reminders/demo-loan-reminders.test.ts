import { describe, expect, it } from 'vitest';
import { isDue, remindersForDemoLoan } from '../../src/index.js';
import { config, demoLoan, HENGTONG } from './fixtures.js';

describe('demo_unit_due_back', () => {
  it('is due at 09:00 Shanghai on the day before the unit is due back', () => {
    expect(remindersForDemoLoan(demoLoan(), config())).toMatchObject([
      {
        key: 'demo_unit_due_back:loan_2',
        kind: 'demo_unit_due_back',
        subjectType: 'demo_loan',
        subjectId: 'loan_2',
        userId: 'user_jia',
        dueAt: '2026-03-19T01:00:00.000Z',
        escalateAt: '2026-03-21T01:00:00.000Z',
        message: `Demo unit LS2208-0042 lent to ${HENGTONG} is due back on 2026-03-20 — arrange its return`,
      },
    ]);
  });

  it('crosses a month boundary: due back on 1 March 2028 is announced on 29 February', () => {
    const [r] = remindersForDemoLoan(demoLoan({ dueBack: '2028-03-01' }), config());
    expect(r?.dueAt).toBe('2028-02-29T01:00:00.000Z');
  });

  it('stays due while overdue, and disappears once returned', () => {
    const [r] = remindersForDemoLoan(demoLoan(), config());
    const state = { ...r!, acknowledgedAt: null, snoozedUntil: null };
    expect(isDue(state, '2026-04-30T00:00:00.000Z')).toBe(true);
    expect(remindersForDemoLoan(demoLoan({ returnedAt: '2026-03-21T02:00:00.000Z' }), config())).toEqual([]);
  });
});
