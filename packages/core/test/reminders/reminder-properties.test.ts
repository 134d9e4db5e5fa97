import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyReconciliation,
  type DesiredReminder,
  localTimeOf,
  type ReminderConfig,
  type ReminderState,
  reconcileReminders,
  remindersForActivity,
  remindersForDemoLoan,
  remindersForLead,
  remindersForOpportunity,
  remindersForOrder,
  resolveRuleSettings,
  type StoredReminder,
} from '../../src/index.js';
import {
  activityArb,
  calendarDateArb,
  configArb,
  demoLoanArb,
  instantArb,
  leadArb,
  opportunityArb,
  orderArb,
} from './arbitraries.js';

/** A generated record bound to its rule, so one table can hold rules with different facts types. */
interface RuleSample {
  id: string;
  ownerId: string;
  closed: boolean;
  reminders: (config: ReminderConfig) => DesiredReminder[];
  /** The same rule over a deep copy of the facts, for the determinism property. */
  remindersOfCopy: (config: ReminderConfig) => DesiredReminder[];
}

function ruleCase<F extends { id: string; ownerId: string }>(
  name: string,
  arb: fc.Arbitrary<F>,
  rule: (facts: F, config: ReminderConfig) => DesiredReminder[],
  isClosed: (facts: F) => boolean,
): { name: string; arb: fc.Arbitrary<RuleSample> } {
  return {
    name,
    arb: arb.map((facts) => ({
      id: facts.id,
      ownerId: facts.ownerId,
      closed: isClosed(facts),
      reminders: (config) => rule(facts, config),
      remindersOfCopy: (config) => rule(structuredClone(facts), config),
    })),
  };
}

const rules = [
  ruleCase('lead', leadArb, remindersForLead, (f) => f.status === 'converted' || f.status === 'disqualified'),
  ruleCase('opportunity', opportunityArb, remindersForOpportunity, (f) => !f.stageOpen),
  ruleCase('activity', activityArb, remindersForActivity, (f) => f.status !== 'scheduled'),
  ruleCase('order', orderArb, remindersForOrder, (f) => f.status === 'closed' || f.status === 'cancelled'),
  ruleCase('demo loan', demoLoanArb, remindersForDemoLoan, (f) => f.returnedAt !== null),
];

const NOTICE_TIME_KINDS = new Set([
  'quote_expiring',
  'demo_unit_due_back',
  'order_delivery_approaching',
  'after_sales_visit',
]);

describe.each(rules)('$name rules', (rule) => {
  it('are deterministic: the same facts give the same reminders', () => {
    fc.assert(
      fc.property(rule.arb, configArb, (sample, config) => {
        expect(sample.remindersOfCopy(config)).toEqual(sample.reminders(config));
      }),
    );
  });

  it('give stable keys, unique within the record, naming kind and subject, for the owner', () => {
    fc.assert(
      fc.property(rule.arb, configArb, (sample, config) => {
        const reminders = sample.reminders(config);
        expect(new Set(reminders.map((r) => r.key)).size).toBe(reminders.length);
        for (const r of reminders) {
          expect(r.key).toBe(`${r.kind}:${sample.id}`);
          expect(r.subjectId).toBe(sample.id);
          expect(r.userId).toBe(sample.ownerId);
          expect(r.message).not.toBe('');
        }
      }),
    );
  });

  it('yield nothing for closed, converted, completed or returned records', () => {
    fc.assert(
      fc.property(rule.arb, configArb, (sample, config) => {
        fc.pre(sample.closed);
        expect(sample.reminders(config)).toEqual([]);
      }),
    );
  });

  it('put calendar-day reminders at the notice time on local clocks, and escalate no earlier than due', () => {
    fc.assert(
      fc.property(rule.arb, configArb, (sample, config) => {
        const settings = resolveRuleSettings(config);
        for (const r of sample.reminders(config)) {
          if (NOTICE_TIME_KINDS.has(r.kind))
            expect(localTimeOf(r.dueAt, config.timeZone)).toBe(settings.noticeTime);
          expect(r.escalateAt === null).toBe(settings.escalationDays === null);
          if (r.escalateAt !== null)
            expect(Date.parse(r.escalateAt)).toBeGreaterThanOrEqual(Date.parse(r.dueAt));
        }
      }),
    );
  });
});

describe('keys across records', () => {
  it('are unique across many leads and orders, and do not move when the timing facts do', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(leadArb, { selector: (l) => l.id, maxLength: 8 }),
        fc.uniqueArray(orderArb, { selector: (o) => o.id, maxLength: 8 }),
        configArb,
        instantArb,
        calendarDateArb,
        (leads, orders, config, otherInstant, otherDate) => {
          const all = [
            ...leads.flatMap((l) => remindersForLead(l, config)),
            ...orders.flatMap((o) => remindersForOrder(o, config)),
          ];
          expect(new Set(all.map((r) => r.key)).size).toBe(all.length);
          for (const l of leads) {
            const retimed = {
              ...l,
              receivedAt: otherInstant,
              lastCustomerContactAt: l.lastCustomerContactAt && otherInstant,
              latestQuote: l.latestQuote && { validUntil: otherDate },
            };
            const keys = (facts: typeof l) => remindersForLead(facts, config).map((r) => r.key);
            expect(keys(retimed)).toEqual(keys(l));
          }
        },
      ),
    );
  });
});

describe('derived due times', () => {
  it('a follow-up is never due before the capture or contact it counts from', () => {
    fc.assert(
      fc.property(leadArb, configArb, (facts, config) => {
        const followUp = remindersForLead(facts, config).find((r) => r.kind === 'lead_follow_up');
        if (followUp === undefined) return;
        const due = Date.parse(followUp.dueAt);
        expect(due).toBeGreaterThan(Date.parse(facts.receivedAt));
        if (facts.lastCustomerContactAt !== null)
          expect(due).toBeGreaterThan(Date.parse(facts.lastCustomerContactAt));
      }),
    );
  });

  it('a stale-opportunity or after-sales reminder is never due before the fact it counts from', () => {
    fc.assert(
      fc.property(opportunityArb, orderArb, configArb, (opp, ord, config) => {
        for (const r of remindersForOpportunity(opp, config)) {
          expect(Date.parse(r.dueAt)).toBeGreaterThan(Date.parse(opp.stageEnteredAt));
        }
        for (const r of remindersForOrder(ord, config).filter((x) => x.kind === 'after_sales_visit')) {
          for (const from of [ord.deliveredAt, ord.lastServiceVisitAt]) {
            if (from !== null) expect(Date.parse(r.dueAt)).toBeGreaterThan(Date.parse(from));
          }
        }
      }),
    );
  });
});

describe('reconcileReminders', () => {
  // Stored state for the same records (fixed ids) computed from other facts, with random ack/snooze.
  const recordsArb = fc.tuple(leadArb, orderArb, opportunityArb).map(([l, o, p]) => ({
    lead: { ...l, id: 'lead_1' },
    order: { ...o, id: 'order_1' },
    opportunity: { ...p, id: 'opp_1' },
  }));
  type Records = typeof recordsArb extends fc.Arbitrary<infer T> ? T : never;
  const desiredFor = (r: Records, config: ReminderConfig) => [
    ...remindersForLead(r.lead, config),
    ...remindersForOrder(r.order, config),
    ...remindersForOpportunity(r.opportunity, config),
  ];
  const storedArb = fc
    .tuple(
      recordsArb,
      configArb,
      fc.array(fc.tuple(fc.option(instantArb, { nil: null }), fc.option(instantArb, { nil: null }))),
    )
    .map(([records, config, marks]): ReminderState[] =>
      desiredFor(records, config).map((r, i) => ({
        ...r,
        acknowledgedAt: marks[i]?.[0] ?? null,
        snoozedUntil: marks[i]?.[1] ?? null,
      })),
    );

  it('is idempotent: after applying it, reconciling again changes nothing', () => {
    fc.assert(
      fc.property(storedArb, recordsArb, configArb, (existing, records, config) => {
        const desired = desiredFor(records, config);
        const next = applyReconciliation(existing, reconcileReminders(existing, desired));
        expect(reconcileReminders(next, desired)).toEqual({ insert: [], update: [], remove: [] });
        const strip = ({ acknowledgedAt: _a, snoozedUntil: _s, ...r }: StoredReminder) => r;
        const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
        expect(next.map(strip)).toEqual([...desired].sort(byKey));
      }),
    );
  });

  it('keeps ack and snooze exactly when the due time and owner are unchanged', () => {
    fc.assert(
      fc.property(storedArb, recordsArb, configArb, (existing, records, config) => {
        const desired = desiredFor(records, config);
        const next = new Map(
          applyReconciliation(existing, reconcileReminders(existing, desired)).map((r) => [r.key, r]),
        );
        for (const before of existing) {
          const after = next.get(before.key);
          if (after === undefined) continue;
          const same = after.dueAt === before.dueAt && after.userId === before.userId;
          expect(after.acknowledgedAt).toBe(same ? before.acknowledgedAt : null);
          expect(after.snoozedUntil).toBe(same ? before.snoozedUntil : null);
        }
      }),
    );
  });
});
