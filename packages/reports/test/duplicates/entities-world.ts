import type { Account, ActorRef, Contact, CreateAccountInput } from '@gongfu/core';
import { openWorld, type ServiceWorld } from '@gongfu/service-suites';
import { sqliteStorage } from '@gongfu/storage-sqlite';

/** Two unified social credit codes of two different companies, and one shared by a renamed company. */
export const CODES = {
  xinhai1: '91370600MA3C8K2L7Q',
  xinhai2: '91370600MA3D9P4R2T',
  boda: '91370700MA3E5N6K1W',
};

export interface EntityWorld extends ServiceWorld {
  /** One company entered three times: simplified, traditional + another legal form, pinyin. */
  hengtong: Account;
  hengtongTrad: Account;
  hengtongLatin: Account;
  /** The same company typed with spaces and full-width brackets. */
  ruida: Account;
  ruidaSpaced: Account;
  /** Not duplicates: a branch of 恒通, two real companies with near-identical names. */
  hengtongBranch: Account;
  hengda: Account;
  jinanHengtong: Account;
  /** Same name, different credit codes: two companies. */
  xinhai1: Account;
  xinhai2: Account;
  /** Renamed company: different names, one credit code. */
  boda: Account;
  bodaRenamed: Account;
  contacts: Record<
    'zhangWei' | 'zhangWeiLatin' | 'zhangWeiRuida' | 'wangFang' | 'wangFangAgain' | 'liNa' | 'liNaLatin',
    Contact
  >;
}

const NO_REGION = undefined;

export async function openEntityWorld(): Promise<EntityWorld> {
  const world = await openWorld(await sqliteStorage({ filename: ':memory:' }));
  const { crm, org } = world;
  const account = (actor: ActorRef, name: string, extra: Partial<CreateAccountInput> = {}) =>
    crm.accounts.create(actor, { name, kind: 'system_integrator', region: NO_REGION, ...extra });
  const hengtong = await account(org.repA, '山东恒通系统集成有限公司', {
    phones: ['0531-8888 0000'],
    emails: ['sales@hengtong-si.com.cn'],
  });
  const hengtongTrad = await account(org.repB, '山東恒通系統集成股份有限公司', {
    phones: ['+86 531 88880000'],
  });
  const hengtongLatin = await account(org.repA, 'Shandong Hengtong System Integration Co., Ltd.', {
    emails: ['info@hengtong-si.com.cn'],
  });
  const ruida = await account(org.repA, '青岛瑞达信息技术有限公司');
  const ruidaSpaced = await account(org.repA, '青岛 瑞达（信息技术）有限公司');
  const hengtongBranch = await account(org.repA, '山东恒通系统集成有限公司济南分公司');
  const hengda = await account(org.repB, '济南恒达信息技术有限公司', { emails: ['hengda@163.com'] });
  const jinanHengtong = await account(org.repB, '济南恒通信息技术有限公司', { emails: ['ht@163.com'] });
  const xinhai1 = await account(org.repB, '烟台新海贸易有限公司', {
    creditCode: CODES.xinhai1,
    kind: 'dealer',
  });
  const xinhai2 = await account(org.repB, '煙台新海貿易有限公司', {
    creditCode: CODES.xinhai2,
    kind: 'dealer',
  });
  const boda = await account(org.repA, '潍坊博达仓储有限公司', { creditCode: CODES.boda, kind: 'end_user' });
  const bodaRenamed = await account(org.repA, '潍坊市博达供应链管理有限公司', {
    creditCode: CODES.boda,
    kind: 'end_user',
  });
  const contact = (
    actor: ActorRef,
    accountId: string,
    name: string,
    extra: { mobile?: string; email?: string } = {},
  ) => crm.contacts.create(actor, { accountId, name, ...extra });
  const contacts = {
    zhangWei: await contact(org.repA, hengtong.id, '张伟', { email: 'zhangwei@hengtong-si.com.cn' }),
    zhangWeiLatin: await contact(org.repA, hengtongLatin.id, 'Wei Zhang'),
    // A different 张伟 at an unrelated customer: the name alone is common.
    zhangWeiRuida: await contact(org.repA, ruida.id, '张伟'),
    wangFang: await contact(org.repA, hengtong.id, '王芳', { mobile: '138 0013 8000' }),
    wangFangAgain: await contact(org.repA, hengtong.id, '王 芳', { mobile: '+8613800138000' }),
    // 销售员乙's 李娜 at the traditional-spelling record, entered again by 销售员甲 at his own.
    liNa: await contact(org.repB, hengtongTrad.id, '李娜', { mobile: '139 0013 9000' }),
    liNaLatin: await contact(org.repA, hengtong.id, 'Li Na'),
  };
  return {
    ...world,
    hengtong,
    hengtongTrad,
    hengtongLatin,
    ruida,
    ruidaSpaced,
    hengtongBranch,
    hengda,
    jinanHengtong,
    xinhai1,
    xinhai2,
    boda,
    bodaRenamed,
    contacts,
  };
}
