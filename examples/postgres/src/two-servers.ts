import type { Printer } from '@gongfu/example-quickstart/print';
import type { Cast } from '@gongfu/example-quickstart/story';
import type { AppProcess } from './app-process.js';

const DAY_MS = 86_400_000;

/** A JSON call to one server as `userId`; throws with the problem document on an error status. */
async function call<T>(
  server: AppProcess,
  userId: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'x-user-id': userId, 'content-type': 'application/json', 'accept-language': 'zh-CN' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`${server.name} ${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Both servers take commands on the same data, and the follow-up that falls due is delivered by the
 * dispatching server once, whichever server the lead came in through.
 */
export async function twoServersShareOneDatabase(
  p: Printer,
  servers: { a: AppProcess; b: AppProcess },
  cast: Cast,
): Promise<{ leadId: string; deliveredBy: string; quotesSeenOnB: number }> {
  const { a, b } = servers;
  const { bing } = cast;
  p.heading(p.t('两台应用服务器, 一个数据库', 'Two app servers, one database'));
  p.line(
    p.t(
      `${a.name} (发送提醒) ${a.url}; ${b.name} ${b.url}`,
      `${a.name} (dispatches reminders) ${a.url}; ${b.name} ${b.url}`,
    ),
  );

  // 丙 takes a call on server B; it came in four days ago, so its follow-up is already due.
  const receivedAt = new Date(Date.now() - 4 * DAY_MS).toISOString();
  const lead = await call<{ id: string; company: string }>(b, bing.id, 'POST', '/leads', {
    source: 'inbound_call',
    receivedAt,
    company: '济南百货大楼',
    contact: { name: '马经理', phone: '0531-8601 2345' },
    interests: [{ sku: 'NET-SW24', quantity: 6 }],
    channel: 'distribution',
  });
  p.line(p.t(`${b.name}: 丙录入线索 ${lead.company}`, `${b.name}: 丙 captures the lead ${lead.company}`));
  const delivered = await a.waitForDelivery((d) => d.subjectId === lead.id);
  p.line(`${a.name}: ${p.t('发出提醒', 'delivered')} "${delivered.message}"`);

  // 丙 quotes on server A; server B reads the quote at once: one database, no cache to go stale.
  await call(a, bing.id, 'POST', `/leads/${lead.id}/quote`, {
    sku: 'NET-SW24',
    quantity: 6,
    unitPrice: { amount: 3_100_00, currency: 'CNY' },
    validUntil: new Date(Date.now() + 30 * DAY_MS).toISOString().slice(0, 10),
  });
  const quotes = await call<{ items: unknown[] } | unknown[]>(b, bing.id, 'GET', `/leads/${lead.id}/quotes`);
  const quotesSeenOnB = Array.isArray(quotes) ? quotes.length : quotes.items.length;
  p.line(
    p.t(
      `${a.name} 记下报价, ${b.name} 读到 ${quotesSeenOnB} 条报价`,
      `${a.name} records a quote; ${b.name} reads ${quotesSeenOnB} quote(s)`,
    ),
  );

  // Both servers take commands at once.
  const burst = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      call<{ id: string }>(i % 2 === 0 ? a : b, bing.id, 'POST', '/leads', {
        source: 'web',
        receivedAt: new Date().toISOString(),
        company: `分销客户 ${i + 1}`,
        contact: { name: '采购' },
        channel: 'distribution',
      }),
    ),
  );
  p.line(
    p.t(
      `两台服务器同时录入 ${burst.length} 条线索`,
      `${burst.length} leads captured on both servers at once`,
    ),
  );
  const onlyOnce =
    a.delivered.filter((d) => d.subjectId === lead.id).length +
    b.delivered.filter((d) => d.subjectId === lead.id).length;
  p.line(p.t(`这条跟进提醒一共发出 ${onlyOnce} 次`, `The follow-up went out ${onlyOnce} time(s) in all`));
  return { leadId: lead.id, deliveredBy: a.name, quotesSeenOnB };
}
