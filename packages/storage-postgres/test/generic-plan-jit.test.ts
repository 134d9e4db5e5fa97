import type { RowScope } from '@gongfu/core';
import { openWorld, storyLead } from '@gongfu/service-suites';
import { describe, expect, it } from 'vitest';
import { useCountedStorage } from './support/counted-storage.js';
import { ON_SERVER } from './support/pg-target.js';

/**
 * A statement run with its generic plan runs without JIT. Its costs are estimated without the
 * values (the timeline's ten-row deals read is costed at 85,000, near `jit_above_cost`), and past
 * the threshold PostgreSQL compiled its expressions on every execution (63–100 ms for a 0.08 ms
 * read). Here every statement costs past the threshold (`jit_above_cost = 0` for the session) and
 * auto_explain reports each plan to the client: the generic walk shows no JIT, the statement after
 * it (custom-planned) still does, so the session's setting holds for everything else.
 */
describe.skipIf(!ON_SERVER)('JIT around generic plans [skipped on PGlite: no pipelined pool]', () => {
  const counted = useCountedStorage(
    'gf_generic_jit',
    [
      '-c jit=on',
      '-c jit_above_cost=0',
      '-c jit_inline_above_cost=-1',
      '-c jit_optimize_above_cost=-1',
      '-c session_preload_libraries=auto_explain',
      '-c auto_explain.log_min_duration=0',
      '-c auto_explain.log_level=notice',
      '-c auto_explain.log_analyze=on',
      '-c auto_explain.log_timing=off',
    ].join(' '),
  );
  const { real } = counted;
  const plans: string[] = [];
  real.on('connect', (client) => {
    client.on('notice', (notice) => {
      plans.push(notice.message ?? '');
    });
  });

  it('runs the generic-planned walk without JIT and leaves it on for the next statement', async () => {
    const { crm, org } = await openWorld(counted.storage);
    for (let i = 0; i < 3; i++) await crm.leads.capture(org.repA, storyLead({ company: `编译 ${i}` }));
    // 70 people (more than a merge reads), so the page is walked with its generic plan.
    const ids = [org.repA.id, ...Array.from({ length: 69 }, (_, i) => `nobody_${i}`)];
    const scope: RowScope = { kind: 'scoped', ownerIds: ids, memberIds: ids, minAccess: 'read' };
    plans.length = 0;
    const [wide, due] = await counted.storage.read({ tenantId: crm.tenantId }, (tx) =>
      // Asked together: one batch, the merged due list (custom-planned) right after the walk's switch.
      Promise.all([
        tx.leads.list({ scope, limit: 50 }),
        tx.reminders.due([org.repA.id, org.repB.id], '2030-01-01T00:00:00.000Z', 10),
      ]),
    );
    expect(wide.items).toHaveLength(3);
    expect(due.length).toBeGreaterThan(0);
    // auto_explain reports a statement when its portal closes: the last one with the COMMIT that a
    // read-only transaction sends without waiting for it.
    await counted.storage.read({ tenantId: crm.tenantId }, (tx) => tx.leads.get(org.repA.id));
    const planOf = (table: string) => plans.filter((p) => p.includes(`from "${table}"`));
    const [walk, ...moreWalks] = planOf('leads');
    const [dueList, ...moreDue] = planOf('reminders');
    expect([moreWalks.length, moreDue.length]).toEqual([0, 0]);
    expect(walk).toMatch(/Limit/);
    expect(walk).not.toMatch(/JIT:/);
    expect(dueList).toMatch(/JIT:/);
    // The statement before the switch too: the session's setting holds outside it.
    expect(plans.find((p) => p.includes('import_state'))).toMatch(/JIT:/);
  });
});
