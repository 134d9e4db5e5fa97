import { describe, expect, it } from 'vitest';
import {
  MACHINE_IDS,
  MACHINES,
  type PersistedLifecycle,
  persistLifecycle,
  restoreLifecycle,
} from '../../src/index.js';
import { isCrmError } from '../../src/kernel/errors.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('persisted lifecycle state', () => {
  it('survives a JSON round trip for every state of every machine', () => {
    for (const id of MACHINE_IDS) {
      for (const value of MACHINES[id].states) {
        const stored = JSON.stringify(persistLifecycle(id, value as never));
        const parsed = JSON.parse(stored) as PersistedLifecycle;
        expect(parsed).toEqual({ machine: id, version: 1, value });
        expect(restoreLifecycle(parsed)).toBe(value);
      }
    }
  });

  it('types the restored value by machine', () => {
    const stage: 'won' | 'lost' | string = restoreLifecycle({
      machine: 'opportunity',
      version: 1,
      value: 'bid',
    });
    expect(stage).toBe('bid');
  });

  it('refuses an unknown version with UnknownMachineVersionError', () => {
    const error = thrown(() => restoreLifecycle({ machine: 'order', version: 2, value: 'draft' }));
    expect(isCrmError(error, 'UNKNOWN_MACHINE_VERSION')).toBe(true);
    expect(error).toMatchObject({ machineId: 'order', version: 2 });
  });

  it('refuses an unknown machine id with UnknownMachineVersionError', () => {
    const error = thrown(() => restoreLifecycle({ machine: 'invoice', version: 1, value: 'paid' }));
    expect(isCrmError(error, 'UNKNOWN_MACHINE_VERSION')).toBe(true);
    expect(error).toMatchObject({
      machineId: 'invoice',
      version: 1,
      message: 'no invoice machine of version 1 is known',
    });
  });

  it('refuses a value that is not a state of the machine, naming both', () => {
    const error = thrown(() => restoreLifecycle({ machine: 'lead', version: 1, value: 'shipped' }));
    expect(isCrmError(error, 'VALIDATION')).toBe(true);
    expect(error).toMatchObject({
      field: 'value',
      message: 'value: "shipped" is not a state of the lead machine',
    });
    expect(
      isCrmError(
        thrown(() => persistLifecycle('order', 'won' as never)),
        'VALIDATION',
      ),
    ).toBe(true);
  });

  it('refuses a record that is not shaped like a persisted lifecycle', () => {
    expect(
      isCrmError(
        thrown(() => restoreLifecycle(null as never)),
        'VALIDATION',
      ),
    ).toBe(true);
    const badVersion = { machine: 'lead', version: '1', value: 'new' } as unknown as PersistedLifecycle;
    expect(
      isCrmError(
        thrown(() => restoreLifecycle(badVersion)),
        'VALIDATION',
      ),
    ).toBe(true);
  });

  it('registers every machine at version 1 with its initial state among its states', () => {
    expect(MACHINE_IDS).toEqual(['lead', 'opportunity', 'order', 'service_case', 'activity']);
    for (const id of MACHINE_IDS) {
      expect(MACHINES[id]).toMatchObject({ id, version: 1 });
      expect(MACHINES[id].states as readonly string[]).toContain(MACHINES[id].initial);
    }
  });
});
