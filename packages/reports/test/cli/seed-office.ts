import { createCrm, ManualClock, sequentialIds } from '@gongfu/core';
import { sqliteStorage } from '@gongfu/storage-sqlite';

/**
 * A small office in a SQLite file, as an app would leave it: an admin, 李庆成 and 销售员甲, who
 * took one call at 09:15 local on `day`. Returns the manager's id for `--as`.
 */
export async function seedOffice(filename: string, day: string): Promise<{ managerId: string }> {
  const storage = await sqliteStorage({ filename });
  try {
    const crm = createCrm({ storage, clock: new ManualClock(`${day}T02:00:00.000Z`), ids: sequentialIds() });
    const admin = await crm.users.create(crm.system, { name: 'Admin', role: 'admin' });
    const li = await crm.users.create(admin, { name: '李庆成', role: 'sales_manager' });
    const jia = await crm.users.create(li, {
      name: '销售员甲',
      role: 'sales_rep',
      managerId: li.id,
      channel: 'key_account',
    });
    await crm.leads.capture(jia, {
      source: 'inbound_call',
      receivedAt: `${day}T09:15:00+08:00`,
      company: '山东恒通系统集成有限公司',
      contact: { name: '王工' },
    });
    return { managerId: li.id };
  } finally {
    await storage.close();
  }
}
