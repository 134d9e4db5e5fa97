import { openWorld, storyLead } from '@gongfu/service-suites';
import { describe, expect, it } from 'vitest';
import { useCountedStorage } from './support/counted-storage.js';
import { ON_SERVER } from './support/pg-target.js';

/**
 * A customer's records (its timeline's lists) are read as one range of the customer's page index
 * per id (a lateral read), so their plan is the same whatever the customer: prepared, planned once
 * (generically), and still the account index when the statistics say one account holds nearly
 * every deal. Planned per call they cost ~2 ms of server time a timeline at 100k against 0.4 ms
 * of execution; with `account_id = any($n)` the generic plan trusted the statistics and walked the
 * table (531 ms at 100k for a customer of ten deals).
 */
describe.skipIf(!ON_SERVER)("a customer's lists [skipped on PGlite: no pipelined pool]", () => {
  const counted = useCountedStorage('gf_customer_plan');
  const { recorder, real, admin, schema } = counted;

  it('plans them once, by the account index, though one other account holds nearly every deal', async () => {
    const { crm, org } = await openWorld(counted.storage);
    let accountId: string | undefined;
    const dealIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const lead = await crm.leads.capture(org.repA, storyLead({ company: `时间线客户 ${i}` }));
      await crm.leads.logContact(org.repA, lead.id, {
        kind: 'visit',
        at: '2026-03-02T10:00:00+08:00',
        outcome: { metWith: '王工', opinion: 'positive', summary: '需要方案', newRequirements: [] },
      });
      const { opportunity } = await crm.leads.convert(org.repA, lead.id, {
        account: accountId === undefined ? { kind: 'end_user' } : { existingId: accountId },
        requiredDelivery: '2027-06-30',
        region: { province: '37' },
      });
      accountId = opportunity.accountId;
      dealIds.push(opportunity.id);
    }
    if (accountId === undefined) throw new Error('no account');
    // 600 copies of a deal on one other account: its statistics now say an account holds ~all rows.
    const copier = await admin.connect();
    try {
      // In the schema: the deal's triggers name their tables unqualified.
      await copier.query(`set search_path to "${schema}"`);
      await copier.query(
        `insert into opportunities
           select (jsonb_populate_record(o, jsonb_build_object('id', 'big_' || g, 'account_id', 'acct_big'))).*
           from opportunities o, generate_series(1, 600) g where o.id = $1`,
        [dealIds[0]],
      );
      await copier.query('analyze opportunities');
      await copier.query('reset search_path');
    } finally {
      copier.release();
    }

    const runs = 7;
    recorder.sent.length = 0;
    for (let i = 0; i < runs; i++) {
      const story = await crm.accounts.timeline(org.repA, accountId, { limit: 50, kinds: 'deal' });
      expect(story.items.map((e) => (e.kind === 'deal' ? e.deal.id : e.id)).sort()).toEqual(
        [...dealIds].sort(),
      );
    }
    const byAccount = recorder.sent.filter(
      (s) => /from "opportunities"/.test(s.text) && /"account_id" = "c"\."c"/.test(s.text),
    );
    expect(byAccount).toHaveLength(runs);
    const [{ text, values }] = byAccount as [{ text: string; values: readonly unknown[] }];

    const client = await real.connect();
    try {
      const plans = await client.query<{ generic_plans: string; custom_plans: string }>(
        'select generic_plans, custom_plans from pg_prepared_statements where statement = $1',
        [text],
      );
      expect(Number(plans.rows[0]?.custom_plans)).toBe(0);
      expect(Number(plans.rows[0]?.generic_plans)).toBe(runs);
      expect((await client.query('show plan_cache_mode')).rows[0]?.plan_cache_mode).toBe('auto');
    } finally {
      client.release();
    }

    // The whole story: its customer lists travel together between one switch to the generic plan
    // and one back (they were wrapped one by one: 16 statements more a timeline, not 2).
    recorder.sent.length = 0;
    await crm.accounts.timeline(org.repA, accountId, { limit: 50 });
    const texts = recorder.sent.map((s) => s.text);
    const on = texts.flatMap((t, i) => (/'plan_cache_mode', 'force_generic_plan'/.test(t) ? [i] : []));
    const off = texts.flatMap((t, i) =>
      /set_config\('plan_cache_mode', current_setting/.test(t) ? [i] : [],
    );
    expect(on).toHaveLength(1);
    expect(off).toHaveLength(1);
    const lists = texts.flatMap((t, i) => (/"c"\."c"/.test(t) ? [i] : []));
    expect(lists.length).toBeGreaterThanOrEqual(7);
    expect(lists).toEqual(lists.map((_, k) => (on[0] as number) + 1 + k));
    expect(off[0]).toBe((lists.at(-1) as number) + 1);

    // The generic plan itself, for the big account too: the account's own range of its index (read
    // backward, or gathered and sorted when the estimate is small), never a walk of the table.
    const literal = (v: unknown) =>
      Array.isArray(v) ? `'{${v.join(',')}}'::text[]` : `'${String(v).replace(/'/g, "''")}'`;
    const probe = await admin.connect();
    try {
      await probe.query(`set search_path to "${schema}"`);
      await probe.query(`prepare customer_page as ${text}`);
      await probe.query('set plan_cache_mode = force_generic_plan');
      for (const account of [accountId, 'acct_big']) {
        const args = values.map((v) => (Array.isArray(v) && v.includes(accountId) ? [account] : v));
        const plan = await probe.query(`explain execute customer_page(${args.map(literal).join(', ')})`);
        const lines = plan.rows.map((r) => String(r['QUERY PLAN'])).join('\n');
        expect(lines).toMatch(/Scan (Backward )?(using|on) opportunities_account_id_page_ix/);
        expect(lines).not.toMatch(/Seq Scan on opportunities|opportunities_page_scan_ix|owner_id_page_ix/);
      }
    } finally {
      await probe.query('deallocate all');
      await probe.query('reset plan_cache_mode');
      probe.release();
    }
  });
});
