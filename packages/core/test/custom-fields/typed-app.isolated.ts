// Typechecked on its own by typed-app.test.ts (its augmentation of @gongfu/core must not leak into
// the repository's program): what an app writes, with no cast, and what the compiler infers.
import { type CrmStorage, type CustomFieldDeclarations, createCrm } from '@gongfu/core';
import { expectTypeOf } from 'vitest';
import { z } from 'zod';

const fields = {
  opportunity: { industryCode: z.string(), budgetYear: z.number().int() },
  account: { tier: z.enum(['gold', 'silver']) },
} satisfies CustomFieldDeclarations;

type AppFields = typeof fields;
declare module '@gongfu/core' {
  interface CustomFieldSchemas extends AppFields {}
}

export async function app(storage: CrmStorage): Promise<void> {
  const crm = createCrm({ storage, fields });
  const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
  const account = await crm.accounts.create(admin, { name: 'A', kind: 'end_user', custom: { tier: 'gold' } });
  expectTypeOf(account.custom.tier).toEqualTypeOf<'gold' | 'silver' | undefined>();

  const deal = await crm.opportunities.create(admin, {
    name: 'Scanners',
    accountId: account.id,
    channel: 'key_account',
    custom: { industryCode: 'C39', budgetYear: 2026 },
  });
  expectTypeOf(deal.custom.budgetYear).toEqualTypeOf<number | undefined>();
  expectTypeOf(deal.custom.industryCode).toEqualTypeOf<string | undefined>();
  const page = await crm.opportunities.list(admin, {
    custom: { budgetYear: { from: 2026 }, industryCode: 'C39' },
  });
  expectTypeOf(page.items[0]?.custom.budgetYear).toEqualTypeOf<number | undefined>();
  await crm.opportunities.update(admin, deal.id, { custom: { budgetYear: 2027, industryCode: null } });

  // @ts-expect-error budgetYear is a number
  await crm.opportunities.update(admin, deal.id, { custom: { budgetYear: '2027' } });
  // @ts-expect-error a field nobody declared
  await crm.opportunities.update(admin, deal.id, { custom: { industryKode: 'C39' } });
  // @ts-expect-error a range on a number field takes numbers
  await crm.opportunities.list(admin, { custom: { budgetYear: { from: 'x' } } });
  // @ts-expect-error opportunities declare no `tier`
  expectTypeOf(deal.custom.tier).toEqualTypeOf<string>();
  // @ts-expect-error the service takes the declarations the types were read from
  createCrm({ storage, fields: { opportunity: { industryCode: z.number() } } });
}
