import { describe, expect, it } from 'vitest';
import { parseReminderConfig, resolveRuleSettings, withTenantRules } from '../../src/index.js';

describe('a tenant’s reminder rules over the service’s', () => {
  const service = parseReminderConfig({
    defaults: { leadFollowUpDays: 4, staleAfterDaysByStage: { proposal: 10 } },
    channels: { distribution: { leadFollowUpDays: 2 } },
  });

  it('no rules: the service’s config itself', () => {
    expect(withTenantRules(service, {})).toBe(service);
  });

  it('lays defaults over defaults and channels over channels; stage days merge key by key', () => {
    const tenant = withTenantRules(service, {
      defaults: { leadFollowUpDays: 5, staleAfterDaysByStage: { negotiation: null } },
      channels: { wireless: { escalationDays: null } },
    });
    expect(resolveRuleSettings(tenant, 'key_account')).toMatchObject({
      leadFollowUpDays: 5,
      staleAfterDaysByStage: { proposal: 10, negotiation: null },
      afterSalesVisitEnabled: true,
      escalationDays: 2,
    });
    // The service's channel override still wins over the tenant's defaults, at its own level.
    expect(resolveRuleSettings(tenant, 'distribution').leadFollowUpDays).toBe(2);
    expect(resolveRuleSettings(tenant, 'wireless').escalationDays).toBeNull();
    expect(resolveRuleSettings(service, 'wireless').escalationDays).toBe(2);
  });
});
