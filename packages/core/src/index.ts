// The published API of @gongfu/core: the kernel, the shared vocabulary, the access policy, the
// lifecycle engine, the storage port, the service (`createCrm`) and one barrel per business area.
export * from './access/index.js';
export * from './domain/index.js';
export * from './kernel/index.js';
export * from './lifecycle/index.js';
export * from './sales/access-explanations/index.js';
export * from './sales/accounts/index.js';
export * from './sales/activities/index.js';
export * from './sales/config/index.js';
export * from './sales/costs/index.js';
export * from './sales/demo-loans/index.js';
export * from './sales/duplicates/index.js';
export * from './sales/events/index.js';
export * from './sales/history/index.js';
export * from './sales/leads/index.js';
export * from './sales/machine-registry.js';
export * from './sales/opportunities/index.js';
export * from './sales/orders/index.js';
export * from './sales/org/index.js';
export * from './sales/ownership/index.js';
export * from './sales/products/index.js';
export * from './sales/quotas/index.js';
export * from './sales/reminders/index.js';
export * from './sales/service-cases/index.js';
export * from './service/index.js';
export * from './storage/index.js';
export * from './tenancy/index.js';
