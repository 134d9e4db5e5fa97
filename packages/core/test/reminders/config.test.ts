import { describe, expect, it } from 'vitest';
import { defaultReminderConfig, parseReminderConfig, resolveRuleSettings } from '../../src/index.js';
import { isCrmError } from '../../src/kernel/errors.js';
import { config } from './fixtures.js';

describe('reminder config', () => {
  it('defaults to the documented intervals in Asia/Shanghai', () => {
    expect(resolveRuleSettings(defaultReminderConfig, 'distribution')).toEqual({
      timeZone: 'Asia/Shanghai',
      leadFollowUpDays: 3,
      nurtureFollowUpDays: 30,
      staleAfterDaysByStage: {},
      activityLeadMinutes: 60,
      quoteExpiryNoticeDays: 3,
      demoReturnNoticeDays: 1,
      deliveryNoticeDays: 7,
      afterSalesVisitEnabled: false,
      afterSalesVisitMonths: 3,
      escalationDays: 2,
      noticeTime: '09:00',
    });
  });

  it('enables after-sales visits for key accounts only, by default', () => {
    expect(resolveRuleSettings(defaultReminderConfig, 'key_account').afterSalesVisitEnabled).toBe(true);
    expect(resolveRuleSettings(defaultReminderConfig, 'wireless').afterSalesVisitEnabled).toBe(false);
    expect(resolveRuleSettings(defaultReminderConfig).afterSalesVisitEnabled).toBe(false);
  });

  it('layers channel overrides over global overrides over built-in defaults', () => {
    const c = config({
      timeZone: 'America/New_York',
      defaults: { leadFollowUpDays: 5, staleAfterDaysByStage: { solution: 10, quote: 5 } },
      channels: { wireless: { leadFollowUpDays: 2, staleAfterDaysByStage: { solution: null } } },
    });
    const wireless = resolveRuleSettings(c, 'wireless');
    expect(wireless.leadFollowUpDays).toBe(2);
    expect(wireless.staleAfterDaysByStage).toEqual({ solution: null, quote: 5 });
    expect(wireless.timeZone).toBe('America/New_York');
    expect(resolveRuleSettings(c, 'distribution').leadFollowUpDays).toBe(5);
    // A user override of key_account keeps the built-in after-sales preset unless it says otherwise.
    expect(
      resolveRuleSettings(config({ channels: { key_account: { leadFollowUpDays: 4 } } }), 'key_account'),
    ).toMatchObject({ leadFollowUpDays: 4, afterSalesVisitEnabled: true });
  });

  it('accepts null escalation days to switch escalation off', () => {
    expect(resolveRuleSettings(config({ defaults: { escalationDays: null } })).escalationDays).toBeNull();
  });

  it('rejects an unknown time zone, a bad notice time and misspelt settings, naming the field', () => {
    const failure = (input: unknown) => {
      try {
        parseReminderConfig(input);
      } catch (e) {
        if (isCrmError(e, 'VALIDATION')) return e.field;
        throw e;
      }
      throw new Error('expected a validation error');
    };
    expect(failure({ timeZone: 'Mars/Olympus_Mons' })).toBe('timeZone');
    expect(failure({ defaults: { noticeTime: '9am' } })).toBe('defaults.noticeTime');
    // The misspelt key itself is named (leadFollowupDays for leadFollowUpDays), not only its parent.
    expect(failure({ channels: { wireless: { leadFollowupDays: 2 } } })).toBe(
      'channels.wireless.leadFollowupDays',
    );
    expect(failure({ channels: { retail: {} } })).toBe('channels.retail');
    expect(failure({ defaults: { leadFollowUpDays: 0 } })).toBe('defaults.leadFollowUpDays');
  });
});
