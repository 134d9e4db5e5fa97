import { ACTIVITY_STATUSES, type ActivityStatus } from '../sales/activities/activity-machine.js';
import { LEAD_STATUSES, type LeadStatus } from '../sales/leads/lead-machine.js';
import { OPPORTUNITY_STATES } from '../sales/opportunities/opportunity-machine.js';
import type { OpportunityStage } from '../sales/opportunities/opportunity-pipelines.js';
import { ORDER_STATUSES, type OrderStatus } from '../sales/orders/order-machine.js';
import {
  SERVICE_CASE_STATUSES,
  type ServiceCaseStatus,
} from '../sales/service-cases/service-case-machine.js';

/** The state type of each machine, by machine id. */
export interface LifecycleStates {
  lead: LeadStatus;
  opportunity: OpportunityStage;
  order: OrderStatus;
  service_case: ServiceCaseStatus;
  activity: ActivityStatus;
}
export type MachineId = keyof LifecycleStates;

export interface MachineDescriptor<M extends MachineId = MachineId> {
  readonly id: M;
  /**
   * Bump when a state is renamed or removed, and teach `restoreLifecycle` the old version; values
   * persisted under a version nobody knows are refused rather than guessed at.
   */
  readonly version: number;
  readonly initial: LifecycleStates[M];
  /** For opportunities: the union of every channel's stages. */
  readonly states: readonly LifecycleStates[M][];
}

export const MACHINES: { readonly [M in MachineId]: MachineDescriptor<M> } = {
  lead: { id: 'lead', version: 1, initial: 'new', states: LEAD_STATUSES },
  opportunity: { id: 'opportunity', version: 1, initial: 'qualification', states: OPPORTUNITY_STATES },
  order: { id: 'order', version: 1, initial: 'draft', states: ORDER_STATUSES },
  service_case: { id: 'service_case', version: 1, initial: 'open', states: SERVICE_CASE_STATUSES },
  activity: { id: 'activity', version: 1, initial: 'scheduled', states: ACTIVITY_STATUSES },
};

export const MACHINE_IDS = Object.keys(MACHINES) as readonly MachineId[];

export function isMachineId(value: unknown): value is MachineId {
  return typeof value === 'string' && Object.hasOwn(MACHINES, value);
}
