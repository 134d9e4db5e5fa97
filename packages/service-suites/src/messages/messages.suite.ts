import { type CrmStorage, createCrm } from '@gongfu/core';
import { afterAll, beforeAll, describe } from 'vitest';
import { openWorld, type ServiceWorld, type StorageFactory } from '../support/harness.js';
import { historyLabelCases } from './history-labels.cases.js';
import { inputMessageCases } from './input-messages.cases.js';
import { messageCases } from './messages.cases.js';

/**
 * What Gongfu says, in zh-CN and en, through the public API: refusals (with their gate ids),
 * permission reasons, validation issues, reminders (rendered in the reader's language when read,
 * old rows keeping their stored text) and access explanations; locales per service and per call;
 * an app's added locale and overrides.
 */
export function describeLocalizedMessages(makeStorage: StorageFactory): void {
  describe('service: messages in zh-CN and en', () => {
    let storage: CrmStorage | undefined;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(async () => {
      await storage?.close();
    });
    const world = () => {
      if (!storage) throw new Error('storage not opened');
      return openWorld(storage);
    };
    messageCases(world);
    inputMessageCases(world);
    historyLabelCases(world);
  });
}

/** No template placeholder survived rendering: every parameter a text names was given. */
export const fullyRendered = (text: string) => !/\{[A-Za-z_]\w*\}/.test(text);

/** The same service on the same tenant with other options (a service-wide locale, app texts). */
export const sameTenant = (
  w: ServiceWorld,
  options: Omit<Parameters<typeof createCrm>[0], 'storage' | 'tenant'>,
) => createCrm({ storage: w.storage, tenant: w.crm.tenantId, clock: w.clock, ...options });
