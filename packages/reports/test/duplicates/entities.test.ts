import { isCrmError } from '@gongfu/core';
import { type EntityDuplicate, findDuplicateAccounts, findDuplicateContacts } from '@gongfu/reports';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EntityWorld, openEntityWorld } from './entities-world.js';

const everything = { minScore: -1e9, limit: 10_000 };
const key = (x: string, y: string) => [x, y].sort().join('|');
const pairsOf = (found: EntityDuplicate[]) => new Map(found.map((p) => [key(p.a.id, p.b.id), p]));

describe('accounts entered twice (SQLite)', () => {
  let w: EntityWorld;
  let found: Map<string, EntityDuplicate>;
  let all: Map<string, EntityDuplicate>;
  beforeAll(async () => {
    w = await openEntityWorld();
    found = pairsOf(await findDuplicateAccounts(w.crm, w.org.manager));
    all = pairsOf(await findDuplicateAccounts(w.crm, w.org.manager, everything));
  });

  it('finds one company under legal-form, traditional, pinyin and spacing noise, and says why', () => {
    const trad = found.get(key(w.hengtong.id, w.hengtongTrad.id));
    expect(trad?.kind).toBe('account');
    expect(trad?.explanation.text).toBe(
      'Same company: 山东恒通 (Shandong) system integration, legal forms differ (有限公司 / 股份有限公司), ' +
        'traditional and simplified characters; same phone +86 531 8888 0000',
    );
    expect(trad?.probability).toBeGreaterThan(0.99);
    const latin = found.get(key(w.hengtong.id, w.hengtongLatin.id));
    expect(latin?.signals.find((s) => s.name === 'name')?.level).toBe('same_pinyin');
    expect(latin?.explanation.text).toContain(
      'one name in pinyin (Shandong Hengtong System Integration Co., Ltd.)',
    );
    expect(latin?.explanation.text).toContain('same mail domain hengtong-si.com.cn');
    expect(found.has(key(w.hengtongTrad.id, w.hengtongLatin.id))).toBe(true);
    const spaced = found.get(key(w.ruida.id, w.ruidaSpaced.id));
    expect(spaced?.signals.find((s) => s.name === 'name')).toMatchObject({ level: 'same', weight: 10 });
    // Ranked by evidence: the pair sharing a phone outranks the bare name match.
    expect(trad?.score).toBeGreaterThan(spaced?.score ?? Number.POSITIVE_INFINITY);
  });

  it('keeps a branch apart from its head office, and two real companies with near-identical names apart', () => {
    const branch = all.get(key(w.hengtong.id, w.hengtongBranch.id));
    // They meet in a block (one trade name), and the branch signal pushes them below the line.
    expect(branch?.signals.find((s) => s.name === 'name')?.level).toBe('branch');
    expect(branch?.score).toBeLessThan(0);
    for (const id of [w.hengtong.id, w.hengtongTrad.id, w.hengtongLatin.id])
      expect(found.has(key(id, w.hengtongBranch.id))).toBe(false);
    // 济南恒达 and 济南恒通: one city, one industry, one letter apart; two companies.
    expect(all.get(key(w.hengda.id, w.jinanHengtong.id))?.score ?? -1).toBeLessThan(0);
    // 济南恒通信息技术 is not 山东恒通系统集成 either: another registration, another business.
    expect(all.get(key(w.hengtong.id, w.jinanHengtong.id))?.score ?? -1).toBeLessThan(0);
    const ids = new Set([...found.values()].flatMap((p) => [p.a.id, p.b.id]));
    expect(ids.has(w.hengda.id) || ids.has(w.jinanHengtong.id) || ids.has(w.hengtongBranch.id)).toBe(false);
  });

  it('lets the credit code decide: different codes veto a same-name pair, one code pairs a renamed company', () => {
    const xinhai = all.get(key(w.xinhai1.id, w.xinhai2.id));
    expect(xinhai?.signals.find((s) => s.name === 'name')?.weight).toBeGreaterThan(0);
    expect(xinhai?.signals.find((s) => s.name === 'credit_code')?.level).toBe('different');
    expect(xinhai?.score).toBeLessThan(0);
    // Without the codes the names alone would pair them: the veto is what keeps them apart.
    const withoutCode =
      (xinhai?.score ?? 0) - (xinhai?.signals.find((s) => s.name === 'credit_code')?.weight ?? 0);
    expect(withoutCode).toBeGreaterThanOrEqual(0);
    const boda = found.get(key(w.boda.id, w.bodaRenamed.id));
    expect(boda?.probability).toBeGreaterThan(0.999);
    expect(boda?.explanation.text).toMatch(/^Same unified social credit code 91370700MA3E5N6K1W/);
  });

  it('gives a rep only pairs of accounts the rep may see', async () => {
    const mine = await findDuplicateAccounts(w.crm, w.org.repA, everything);
    const visible = new Set((await w.crm.accounts.list(w.org.repA, { limit: 500 })).items.map((a) => a.id));
    expect(mine.length).toBeGreaterThan(0);
    for (const p of mine) expect(visible.has(p.a.id) && visible.has(p.b.id)).toBe(true);
    expect(pairsOf(mine).has(key(w.hengtong.id, w.hengtongLatin.id))).toBe(true);
    expect(mine.some((p) => [p.a.id, p.b.id].includes(w.hengtongTrad.id))).toBe(false);
    expect(await findDuplicateAccounts(w.crm, w.org.otherRep, everything)).toEqual([]);
  });

  it('reports progress and rejects bad options', async () => {
    const calls: [number, number][] = [];
    await findDuplicateAccounts(w.crm, w.org.manager, { onProgress: (d, t) => calls.push([d, t]) });
    expect(calls.at(-1)).toEqual([12, 12]);
    await expect(findDuplicateAccounts(w.crm, w.org.manager, { limit: 0 })).rejects.toSatisfy((e) =>
      isCrmError(e, 'VALIDATION'),
    );
    expect(await findDuplicateAccounts(w.crm, w.org.manager, { limit: 2 })).toHaveLength(2);
  });
});

describe('resolved and merged accounts never come back', () => {
  it('a pair marked not-duplicate is gone for good; other pairs stay', async () => {
    const w = await openEntityWorld();
    await w.crm.duplicates.markNotDuplicate(w.org.manager, {
      kind: 'account',
      aId: w.ruidaSpaced.id,
      bId: w.ruida.id,
    });
    const after = pairsOf(await findDuplicateAccounts(w.crm, w.org.manager, everything));
    expect(after.has(key(w.ruida.id, w.ruidaSpaced.id))).toBe(false);
    expect(after.has(key(w.hengtong.id, w.hengtongTrad.id))).toBe(true);
  });

  it('an account merged into another is left out, and back once the merge is undone', async () => {
    const w = await openEntityWorld();
    const merge = await w.crm.accounts.merge(w.org.manager, {
      survivorId: w.hengtong.id,
      mergedId: w.hengtongTrad.id,
    });
    const after = await findDuplicateAccounts(w.crm, w.org.manager, everything);
    expect(after.some((p) => [p.a.id, p.b.id].includes(w.hengtongTrad.id))).toBe(false);
    expect(pairsOf(after).has(key(w.hengtong.id, w.hengtongLatin.id))).toBe(true);
    await w.crm.accounts.undoMerge(w.org.manager, merge.id);
    const undone = pairsOf(await findDuplicateAccounts(w.crm, w.org.manager));
    expect(undone.has(key(w.hengtong.id, w.hengtongTrad.id))).toBe(true);
  });
});

describe('contacts entered twice (SQLite)', () => {
  it('pairs one person by name or pinyin at one customer or its duplicate, never a namesake elsewhere', async () => {
    const w = await openEntityWorld();
    const c = w.contacts;
    const found = pairsOf(await findDuplicateContacts(w.crm, w.org.manager));
    const latin = found.get(key(c.zhangWei.id, c.zhangWeiLatin.id));
    expect(latin?.kind).toBe('contact');
    expect(latin?.explanation.text).toContain('Same person in pinyin (张伟 / Wei Zhang)');
    expect(latin?.explanation.text).toContain('at one customer entered twice');
    const again = found.get(key(c.wangFang.id, c.wangFangAgain.id));
    expect(again?.explanation.text).toBe(
      'Same person 王芳; at the same customer (山东恒通系统集成有限公司); same phone +86 138 0013 8000',
    );
    const all = pairsOf(await findDuplicateContacts(w.crm, w.org.manager, everything));
    expect(all.get(key(c.zhangWei.id, c.zhangWeiRuida.id))?.score ?? -1).toBeLessThan(0);
    expect(found.has(key(c.liNa.id, c.liNaLatin.id))).toBe(true);
    expect(found.size).toBe(3);
    // 销售员甲 never sees 销售员乙's contact 李娜, nor any pair with it.
    const mine = await findDuplicateContacts(w.crm, w.org.repA, everything);
    expect(mine.some((p) => [p.a.id, p.b.id].includes(c.liNa.id))).toBe(false);
    await w.crm.duplicates.markNotDuplicate(w.org.manager, {
      kind: 'contact',
      aId: c.wangFang.id,
      bId: c.wangFangAgain.id,
    });
    const resolved = pairsOf(await findDuplicateContacts(w.crm, w.org.manager, everything));
    expect(resolved.has(key(c.wangFang.id, c.wangFangAgain.id))).toBe(false);
    expect(resolved.has(key(c.zhangWei.id, c.zhangWeiLatin.id))).toBe(true);
  });
});
