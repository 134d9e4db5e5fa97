/**
 * Side effects an accepted decision asks the service layer to run. The machines never run them:
 * they are named here so the service can match on them exhaustively and a new kind of effect is a
 * compile error wherever it is not handled.
 */
export type LifecycleEffect =
  /** An opportunity entered a pipeline stage (forecast and stale-deal reminders key off this). */
  | { type: 'stageEntered'; stage: string }
  | { type: 'closedWon' }
  | { type: 'closedLost'; reason: string }
  /** A closed record (won/lost deal, resolved case) was opened again. */
  | { type: 'reopened' }
  /** A lead became an opportunity; the service creates or links account, contact and deal. */
  | { type: 'converted' }
  | { type: 'disqualified'; reason: string }
  /** The customer was contacted, so the "customer went quiet" reminder starts counting again. */
  | { type: 'followUpReset' }
  | { type: 'cancelled'; reason: string }
  | { type: 'resolved'; resolution: string }
  /** The record reached a final state; the service makes it read-only. */
  | { type: 'frozen' };

export type LifecycleEffectType = LifecycleEffect['type'];

export const LIFECYCLE_EFFECT_TYPES = [
  'stageEntered',
  'closedWon',
  'closedLost',
  'reopened',
  'converted',
  'disqualified',
  'followUpReset',
  'cancelled',
  'resolved',
  'frozen',
] as const satisfies readonly LifecycleEffectType[];

/** Reads a free-text field of an event (reason, resolution) without trusting its type. */
export function eventText(event: object, field: string): string {
  const value = (event as Record<string, unknown>)[field];
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * Builds the effect a transition row names. Parameters come from the row's target or the event,
 * never from facts, so an effect describes what happened, not what the service should look up.
 */
export function buildEffect(type: LifecycleEffectType, to: string, event: object): LifecycleEffect {
  // A switch, not ts-pattern's `match`: this runs on every accepted decision, and `match` builds
  // a matcher object per call. Still exhaustive: a new effect type fails `unhandled` at compile time.
  switch (type) {
    case 'stageEntered':
      return { type: 'stageEntered', stage: to };
    case 'closedWon':
      return { type: 'closedWon' };
    case 'closedLost':
      return { type: 'closedLost', reason: eventText(event, 'reason') };
    case 'reopened':
      return { type: 'reopened' };
    case 'converted':
      return { type: 'converted' };
    case 'disqualified':
      return { type: 'disqualified', reason: eventText(event, 'reason') };
    case 'followUpReset':
      return { type: 'followUpReset' };
    case 'cancelled':
      return { type: 'cancelled', reason: eventText(event, 'reason') };
    case 'resolved':
      return { type: 'resolved', resolution: eventText(event, 'resolution') };
    case 'frozen':
      return { type: 'frozen' };
    default:
      return unhandled(type);
  }
}

function unhandled(type: never): never {
  throw new Error(`unknown lifecycle effect ${String(type)}`);
}
