import type { Crm } from '@gongfu/core';

/** The members of `Crm` that are not business areas (mirrors `NotAnArea` in the route spec). */
export const NOT_AREAS = new Set([
  'events',
  'system',
  'tenantId',
  'timeZone',
  'storage',
  'clock',
  'forTenant',
  'with',
  'runAs',
  'locales',
]);

/** Every `<area>.<verb>` a service instance has, read from the object itself. */
export function crmMembers(crm: Crm): string[] {
  return Object.entries(crm)
    .filter(([key, value]) => !NOT_AREAS.has(key) && typeof value === 'object' && value !== null)
    .flatMap(([area, commands]) =>
      Object.entries(commands as object)
        .filter(([, fn]) => typeof fn === 'function')
        .map(([verb]) => `${area}.${verb}`),
    );
}

/** The service with every area member recording `<area>.<verb>` before it runs (views included). */
export function recordingCrm(calls: string[]) {
  const wrap = (crm: Crm): Crm => {
    const out: Record<string, unknown> = {
      ...crm,
      with: (o: Parameters<Crm['with']>[0]) => wrap(crm.with(o)),
    };
    for (const member of crmMembers(crm)) {
      const [area, verb] = member.split('.') as [string, string];
      const commands: Record<string, (...a: unknown[]) => unknown> = { ...(out[area] as object) };
      out[area] = commands;
      const original = (crm as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)[
        area
      ]![verb]!;
      commands[verb] = (...args: unknown[]) => {
        calls.push(member);
        return original(...args);
      };
    }
    return out as unknown as Crm;
  };
  return wrap;
}
