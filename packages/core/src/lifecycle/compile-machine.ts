import { type AnyActorScope, type AnyStateMachine, createActor, setup } from 'xstate';
import type { Text } from '../kernel/message.js';
import { type Decision, refused } from './decision.js';
import { buildEffect, type LifecycleEffect } from './effects.js';
import type { LifecycleEvent, MachineSpec } from './machine-spec.js';

/** Facts are the only context: a decision is a function of (state, facts, event) and nothing else. */
interface DecisionContext {
  facts: unknown;
}
type AnyLifecycleEvent = { type: string } & Record<string, unknown>;

export interface CompiledMachine<S extends string, F, E extends LifecycleEvent> {
  readonly spec: MachineSpec<S, F, E>;
  /** The xstate machine, for inspection and visualisation; advance it only through `decide`. */
  readonly machine: AnyStateMachine;
  decide(from: S, facts: F, event: E): Decision<S>;
}

const emit = (_: unknown, _effect: LifecycleEffect): void => {};

type ExecutableAction = Parameters<AnyActorScope['actionExecutor']>[0];

/**
 * xstate's pure `transition(machine, snapshot, event)` with its inert actor scope made once per
 * machine instead of on every call: building that scope (an actor, whose constructor computes the
 * initial snapshot, and a system) was 80 % of a decision's CPU time. Safe to share because the
 * machines are flat, spawn and invoke nothing, and `machine.transition` is synchronous: each call
 * collects its own actions and hands them back before the next can start.
 */
function inertScope(machine: AnyStateMachine) {
  const self = createActor(machine);
  let sink: ExecutableAction[] = [];
  const scope: AnyActorScope = {
    self,
    id: '',
    sessionId: '',
    system: self.system,
    logger: () => {},
    defer: () => {},
    emit: () => {},
    stopChild: () => {},
    actionExecutor: (action) => {
      sink.push(action);
    },
  };
  return {
    transition(snapshot: ReturnType<AnyStateMachine['resolveState']>, event: AnyLifecycleEvent) {
      const actions: ExecutableAction[] = [];
      sink = actions;
      const next = machine.transition(snapshot, event, scope);
      return [next, actions] as const;
    },
  };
}

/**
 * Compiles a declared table into an xstate machine, once. For every state and every event the
 * compiled transitions are, in order: for each matching row, one refusal per gate (guarded by
 * `gateBlocks`) then the move itself (guarded by `rowSelected`); last, an unguarded refusal that
 * asks `spec.explain` why. Because that fallback always exists, "no `refuse` action" reliably
 * means "accepted", including self-transitions that leave the state unchanged.
 */
export function compileMachine<S extends string, F, E extends LifecycleEvent>(
  spec: MachineSpec<S, F, E>,
): CompiledMachine<S, F, E> {
  const gates = new Map(spec.gates.map((gate) => [gate.id, gate]));
  for (const row of spec.rows) {
    for (const id of row.gates) {
      // A typo in a table is a programming error: fail at module load, not on some later decision.
      if (!gates.has(id)) {
        throw new Error(`${spec.id}: row ${row.from} -${row.event}-> ${row.to} names no gate ${id}`);
      }
    }
  }
  const rowAt = (index: number) => spec.rows[index]!;
  const selected = (index: number, facts: unknown, event: AnyLifecycleEvent): boolean => {
    const when = rowAt(index).when;
    return when === undefined || when(facts as F, event as unknown as E);
  };
  // The guards, by name: xstate evaluates them through `setup`, the table below calls them directly.
  type GuardArgs = { context: DecisionContext; event: AnyLifecycleEvent };
  const guards = {
    rowSelected: ({ context, event }: GuardArgs, params: { row: number }) =>
      selected(params.row, context.facts, event),
    gateBlocks: ({ context, event }: GuardArgs, params: { row: number; gate: string }) =>
      selected(params.row, context.facts, event) &&
      !gates.get(params.gate)!.check(context.facts as F, event as unknown as E),
  };

  const logic = setup({
    types: {} as { context: DecisionContext; events: AnyLifecycleEvent },
    guards,
    actions: {
      refuse: (_: unknown, _params: { reason: Text; gate: string | null }) => {},
      stageEntered: emit,
      closedWon: emit,
      closedLost: emit,
      reopened: emit,
      converted: emit,
      disqualified: emit,
      followUpReset: emit,
      cancelled: emit,
      resolved: emit,
      frozen: emit,
    },
  });

  type Config = Parameters<typeof logic.createMachine>[0];
  type StateConfig = NonNullable<Config['states']>[string];
  type Candidates = NonNullable<StateConfig['on']>[string];
  const states: Record<string, StateConfig> = {};
  for (const state of spec.states) {
    const on: Record<string, Candidates> = {};
    for (const type of spec.events) {
      const candidates: Exclude<Candidates, string | undefined | readonly unknown[]>[] = [];
      spec.rows.forEach((row, index) => {
        if (row.from !== state || row.event !== type) return;
        for (const gate of row.gates) {
          candidates.push({
            guard: { type: 'gateBlocks', params: { row: index, gate } },
            actions: { type: 'refuse', params: { reason: gates.get(gate)!.reason, gate } },
          });
        }
        candidates.push({
          guard: { type: 'rowSelected', params: { row: index } },
          target: row.to,
          actions: row.effects.map((effect) => ({
            type: effect,
            params: ({ event }: { event: AnyLifecycleEvent }) => buildEffect(effect, row.to, event),
          })),
        });
      });
      candidates.push({
        actions: {
          type: 'refuse',
          params: ({ context, event }) => ({
            reason: spec.explain(state, event as unknown as E, context.facts as F),
            gate: null,
          }),
        },
      });
      on[type] = candidates;
    }
    states[state] = { on };
  }
  const machine = logic.createMachine({
    id: spec.id,
    initial: spec.initial,
    context: { facts: null },
    states,
  });

  const stateSet = new Set<string>(spec.states);
  const eventSet = new Set<string>(spec.events);
  const table = candidateTable(states, guards);
  return {
    spec,
    machine,
    decide(from, facts, event) {
      const type = typeof event?.type === 'string' ? event.type : String(event?.type);
      if (!stateSet.has(from)) return refused(from, type, spec.unknownState(from));
      if (!eventSet.has(type)) return refused(from, type, spec.unknownEvent(type));
      return table.decide<S>(from, type, facts, event as unknown as AnyLifecycleEvent);
    },
  };
}

const scopes = new WeakMap<AnyStateMachine, ReturnType<typeof inertScope>>();

/**
 * The decision of a machine compiled here, for a state and event it knows, taken through xstate's
 * own `transition` (a macrostep on a snapshot): what `decide` is held equal to in the tests.
 */
export function decideByXstate<S extends string>(
  machine: AnyStateMachine,
  from: S,
  facts: unknown,
  event: LifecycleEvent,
): Decision<S> {
  let scope = scopes.get(machine);
  if (scope === undefined) {
    scope = inertScope(machine);
    scopes.set(machine, scope);
  }
  const snapshot = machine.resolveState({ value: from, context: { facts } });
  const [next, actions] = scope.transition(snapshot, event as unknown as AnyLifecycleEvent);
  const effects: LifecycleEffect[] = [];
  for (const action of actions) {
    if (action.type === 'refuse') {
      const { reason, gate } = action.params as { reason: Text; gate: string | null };
      return refused(from, event.type, reason, gate);
    }
    effects.push(action.params as LifecycleEffect);
  }
  // Flat machines only: a state value is always a plain string.
  return { ok: true, from, to: next.value as unknown as S, effects };
}

/** One transition candidate of the compiled configuration, as handed to xstate's `createMachine`. */
interface ConfigCandidate {
  guard?: { type: string; params: object };
  target?: string;
  actions?: ConfigAction | readonly ConfigAction[];
}
interface ConfigAction {
  type: string;
  params?: object | ((args: { context: DecisionContext; event: AnyLifecycleEvent }) => object);
}

/**
 * The machine's own configuration (the object `createMachine` received) read as a table, state by
 * event, and decided without an xstate macrostep: xstate takes the first candidate whose guard
 * holds and runs its actions in order; here too. Sound for these machines only: flat (a state
 * value is a plain string), no entry or exit actions, no context assignments, guards by name with
 * static parameters. A decision took ~5 µs through xstate (a snapshot, a microstep, an action
 * list); this walk is a few comparisons. `decideByXstate` keeps the xstate path, and a property
 * test holds the two equal for every machine, state, event and facts.
 */
function candidateTable(
  states: Record<string, unknown>,
  guards: Record<
    string,
    (args: { context: DecisionContext; event: AnyLifecycleEvent }, params: never) => boolean
  >,
) {
  const table = new Map<string, ReadonlyMap<string, readonly ConfigCandidate[]>>();
  for (const [state, node] of Object.entries(states)) {
    const on = (node as { on: Record<string, readonly ConfigCandidate[]> }).on;
    table.set(state, new Map(Object.entries(on)));
  }
  return {
    decide<S extends string>(from: S, type: string, facts: unknown, event: AnyLifecycleEvent): Decision<S> {
      const args = { context: { facts }, event };
      for (const candidate of table.get(from)?.get(type) ?? []) {
        const guard = candidate.guard;
        if (guard !== undefined && !guards[guard.type]!(args, guard.params as never)) continue;
        const effects: LifecycleEffect[] = [];
        const actions = candidate.actions;
        for (const action of actions === undefined ? [] : Array.isArray(actions) ? actions : [actions]) {
          const { type: actionType, params } = action as ConfigAction;
          const resolved = typeof params === 'function' ? params(args) : params;
          if (actionType === 'refuse') {
            const { reason, gate } = resolved as { reason: Text; gate: string | null };
            return refused(from, type, reason, gate);
          }
          effects.push(resolved as LifecycleEffect);
        }
        return { ok: true, from, to: (candidate.target ?? from) as S, effects };
      }
      // Unreachable: every state and event ends in an unguarded refusal.
      throw new Error(`no transition candidate for ${from} -${type}->`);
    },
  };
}
