import { historyEventName, historyFieldName, isDefinedMessage } from '@gongfu/core';
import { expect, it } from 'vitest';
import { COMMAND_CALLS, type CommandName } from '../faults/command-calls.js';
import type { ServiceWorld } from '../support/harness.js';

/**
 * Every event and changed field that any command writes into a history has words in zh-CN and en,
 * so a history table never shows `end_customer_linked` or `contacts` to a person. The events are
 * not listed by hand: every member of `Crm` is called once (the same calls the fault suite makes,
 * one tenant per area), then the tenants' history rows are read back from their exports.
 */
export function historyLabelCases(world: () => Promise<ServiceWorld>): void {
  it('names every history event and changed field that the commands write', async () => {
    const byArea = new Map<string, ServiceWorld>();
    const commands = (Object.keys(COMMAND_CALLS) as CommandName[]).sort();
    for (const command of commands) {
      const area = command.split('.')[0]!;
      let w = byArea.get(area);
      if (w === undefined) {
        w = await world();
        byArea.set(area, w);
      }
      await (await COMMAND_CALLS[command](w))();
    }
    const events = new Set<string>();
    const fields = new Set<string>();
    for (const w of byArea.values())
      for await (const { table, row } of w.storage.tenants.exportRows(w.crm.tenantId)) {
        if (table !== 'history_events') continue;
        events.add(String(row.event));
        const changes = typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes;
        for (const field of Object.keys(changes ?? {})) fields.add(field);
      }
    // The run reached the kinds of change a history holds, not just creations.
    expect(events.size).toBeGreaterThan(30);
    const unnamedEvents = [...events].filter((e) => !isDefinedMessage(historyEventName(e).key));
    const unnamedFields = [...fields].filter((f) => {
      const name = historyFieldName(f);
      return name !== null && !isDefinedMessage(name.key);
    });
    expect(unnamedEvents, 'history events without words').toEqual([]);
    expect(unnamedFields, 'changed fields without words').toEqual([]);
  });
}
