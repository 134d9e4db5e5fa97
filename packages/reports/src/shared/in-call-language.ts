import type { Crm } from '@gongfu/core';

/**
 * `work`, its refusals rendered in the call's language as a command's are before they leave it
 * (`Crm.localize`): a report function validates and reads outside `crm.runAs` (its options, the
 * tenant, the stored weights), where nothing else would render them.
 */
export async function inCallLanguage<T>(crm: Crm, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw crm.localize(error);
  }
}
