/**
 * A sales company's org chart grown to `size` people through the service: managers of ten reps
 * each under the tenant's admin (presales and service engineers among them), so the org chart the
 * commands cache and the scope a manager's list compiles are as large as a real one.
 */
import type { Crm, User } from '@gongfu/core';

export async function addOrgTree(crm: Crm, admin: User, size: number): Promise<number> {
  let made = 0;
  const existing = (await crm.users.list(admin)).length;
  for (let team = 0; existing + made < size; team++) {
    const manager = await crm.users.create(admin, { name: `经理 ${team}`, role: 'sales_manager' });
    made++;
    for (let i = 0; i < 10 && existing + made < size; i++) {
      const role = i === 8 ? 'presales_engineer' : i === 9 ? 'service_engineer' : 'sales_rep';
      await crm.users.create(admin, {
        name: `销售 ${team}-${i}`,
        role,
        ...(role === 'sales_rep' ? { managerId: manager.id, channel: 'key_account' as const } : {}),
      });
      made++;
    }
  }
  return existing + made;
}
