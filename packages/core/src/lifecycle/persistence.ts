import { UnknownMachineVersionError, ValidationError } from '../kernel/errors.js';
import { isMachineId, type LifecycleStates, MACHINES, type MachineId } from './registry.js';

/**
 * What storage keeps for a lifecycle: which machine, which version of it, and the state value.
 * Plain JSON, so it survives any column type; the version lets a later release refuse (or
 * migrate) values written by a machine it no longer has.
 */
export interface PersistedLifecycle {
  machine: string;
  version: number;
  value: string;
}

function requireState<M extends MachineId>(machineId: M, value: unknown): LifecycleStates[M] {
  const states: readonly string[] = MACHINES[machineId].states;
  if (typeof value !== 'string' || !states.includes(value)) {
    throw new ValidationError([
      { field: 'value', message: `${JSON.stringify(value)} is not a state of the ${machineId} machine` },
    ]);
  }
  return value as LifecycleStates[M];
}

/** Stamps a state value with its machine id and current version; refuses a value not of that machine. */
export function persistLifecycle<M extends MachineId>(
  machineId: M,
  value: LifecycleStates[M],
): PersistedLifecycle {
  if (!isMachineId(machineId)) {
    throw new ValidationError([
      { field: 'machine', message: `"${String(machineId)}" is not a lifecycle machine` },
    ]);
  }
  return { machine: machineId, version: MACHINES[machineId].version, value: requireState(machineId, value) };
}

/**
 * Reads a persisted lifecycle back. Throws `UnknownMachineVersionError` for a machine id or a
 * version this release does not know, and a `ValidationError` for a value that is not one of the
 * machine's states (or a record that is not shaped like `PersistedLifecycle` at all).
 */
export function restoreLifecycle<M extends MachineId>(
  p: PersistedLifecycle & { machine: M },
): LifecycleStates[M];
export function restoreLifecycle(p: PersistedLifecycle): LifecycleStates[MachineId];
export function restoreLifecycle(p: PersistedLifecycle): LifecycleStates[MachineId] {
  if (typeof p !== 'object' || p === null) {
    throw new ValidationError([{ field: 'lifecycle', message: 'expected { machine, version, value }' }]);
  }
  const { machine, version } = p;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw new ValidationError([{ field: 'version', message: 'expected an integer machine version' }]);
  }
  if (!isMachineId(machine) || MACHINES[machine].version !== version) {
    throw new UnknownMachineVersionError(String(machine), version);
  }
  return requireState(machine, p.value);
}
