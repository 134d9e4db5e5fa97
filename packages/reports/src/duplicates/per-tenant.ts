/**
 * One `T` per tenant of a storage, made on first use and held as long as the storage is (the same
 * for every `Crm` over that storage, so what one request learned the next one finds).
 */
export function heldPerTenant<T>(make: () => T): (storage: object, tenantId: string) => T {
  const held = new WeakMap<object, Map<string, T>>();
  return (storage, tenantId) => {
    let byTenant = held.get(storage);
    if (byTenant === undefined) {
      byTenant = new Map();
      held.set(storage, byTenant);
    }
    let value = byTenant.get(tenantId);
    if (value === undefined) {
      value = make();
      byTenant.set(tenantId, value);
    }
    return value;
  };
}
