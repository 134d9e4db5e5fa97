import { ACTIVITY_STATUSES, type ActivityStatus } from './activities/activity-machine.js';
import { LEAD_STATUSES, type LeadStatus } from './leads/lead-machine.js';
import { OPPORTUNITY_STATES } from './opportunities/opportunity-machine.js';
import type { OpportunityStage } from './opportunities/opportunity-pipelines.js';
import { ORDER_STATUSES, type OrderStatus } from './orders/order-machine.js';
import { SERVICE_CASE_STATUSES, type ServiceCaseStatus } from './service-cases/service-case-machine.js';

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
  readonly initial: LifecycleStates[M];
  /** For opportunities: the union of every channel's stages. */
  readonly states: readonly LifecycleStates[M][];
}

export const MACHINES: { readonly [M in MachineId]: MachineDescriptor<M> } = {
  lead: { id: 'lead', initial: 'new', states: LEAD_STATUSES },
  opportunity: { id: 'opportunity', initial: 'qualification', states: OPPORTUNITY_STATES },
  order: { id: 'order', initial: 'draft', states: ORDER_STATUSES },
  service_case: { id: 'service_case', initial: 'open', states: SERVICE_CASE_STATUSES },
  activity: { id: 'activity', initial: 'scheduled', states: ACTIVITY_STATUSES },
};

export const MACHINE_IDS = Object.keys(MACHINES) as readonly MachineId[];

export function isMachineId(value: unknown): value is MachineId {
  return typeof value === 'string' && Object.hasOwn(MACHINES, value);
}
