// The manager's desk: preact + htm as one local ES module, no build step.

import { BarChart } from '/charts.js';
import { html, render, useEffect, useState } from '/vendor/preact-htm.js';

let userId = null;

async function get(path) {
  const response = await fetch(path, { headers: userId ? { 'x-user-id': userId } : {} });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user-id': userId },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const yuan = (minor, currency = 'CNY') =>
  `${currency} ${(minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const time = (instant) =>
  new Date(instant).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, 16);
// History fields as the manager reads them; bookkeeping fields are not shown at all.
const FIELDS = {
  name: '名称',
  stage: '阶段 stage',
  probability: '赢率',
  forecastCategory: '预测',
  amount: '金额',
  lines: '产品',
  ownerId: '负责人 owner',
  accountId: '客户',
  team: '项目团队 team',
  closedAt: '关单',
  lostReason: '关单原因',
  duplicateOfId: '重复于 duplicate of',
  stageEnteredAt: '进入阶段',
  requiredDelivery: '交期',
  channel: '渠道',
};
const COSTS = {
  travel: '差旅',
  entertainment: '招待',
  samples_demo_units: '样机',
  bid_fees: '投标费',
  other: '其他',
};
const BOOKKEEPING = new Set(['tenantId', 'id', 'createdAt', 'updatedAt', 'version']);
const fieldNames = (changes) =>
  Object.keys(changes ?? {})
    .filter((k) => !BOOKKEEPING.has(k))
    .map((k) => FIELDS[k] ?? k)
    .join(', ');

function Title({ zh, en }) {
  return html`<h2>${zh} <small class="en">${en}</small></h2>`;
}

function MorningReview({ day }) {
  const [review, setReview] = useState(null);
  useEffect(() => void get(`/desk/review?day=${day}`).then(setReview), [day]);
  if (!review) return html`<section><${Title} zh="晨会" en="Morning review" />…</section>`;
  return html`<section data-testid="review">
    <${Title} zh="晨会" en=${`Morning review of ${review.reviewedDay}`} />
    ${review.people.map(
      (p) => html`<div>
        <b>${p.name}</b>
        <ul>
          ${p.activities.map((a) => html`<li>${time(a.at).slice(11)} ${a.subject}${a.outcome ? `: ${a.outcome.summary}` : ''}</li>`)}
          ${p.stageMoves.map((m) => html`<li>${m.name}: ${m.from} → ${m.to}</li>`)}
          ${p.costs.map((c) => html`<li>${COSTS[c.category] ?? c.category ?? ''} ${c.label !== c.category ? c.label : ''} ${c.amount ? yuan(c.amount.amount, c.amount.currency) : ''}</li>`)}
          ${p.overdueFollowUps.map((r) => html`<li>⏰ ${r.message}</li>`)}
          ${p.staleDeals.map((r) => html`<li>💤 ${r.message}</li>`)}
        </ul>
      </div>`,
    )}
  </section>`;
}

function DealName({ deal, onShow }) {
  return html`<a href="#history" data-testid="show-history" data-deal=${deal.id} onClick=${() => onShow(deal)}>${deal.name}</a>`;
}

function DuplicateQueue({ pairs, onResolve, onShow }) {
  return html`<section data-testid="duplicates">
    <${Title} zh="重复商机" en="Duplicate queue" />
    ${pairs === null ? '…' : null}
    ${pairs?.length === 0 ? html`<p class="empty" data-testid="no-duplicates">没有待处理的重复商机 · No likely duplicates</p>` : null}
    ${(pairs ?? []).map(
      (d) => html`<div class="pair" data-testid="pair">
        <div>
          <b><${DealName} deal=${d.a} onShow=${onShow} /></b> (${d.a.ownerName}) ⇄
          <b><${DealName} deal=${d.b} onShow=${onShow} /></b> (${d.b.ownerName})
        </div>
        <div>可能性 <b>${Math.round(d.probability * 100)}%</b> · how likely one deal</div>
        <div class="why">${d.explanation}</div>
        <ul>${d.reasons.filter((r) => r.weight > 0).map((r) => html`<li>${r.text}</li>`)}</ul>
        ${[
          [d.a, d.b],
          [d.b, d.a],
        ].map(
          ([keep, release]) => html`<button class="primary" data-testid="link" data-keep=${keep.id}
            onClick=${() => onResolve('link', d, keep, release)}>
            同一单, 保留 ${keep.name} (${keep.ownerName}) · Link as same deal
          </button>`,
        )}
        <button data-testid="not-duplicate" onClick=${() => onResolve('not', d)}>不是重复 · Not a duplicate</button>
      </div>`,
    )}
  </section>`;
}

function History({ deal, version }) {
  const [events, setEvents] = useState(null);
  useEffect(() => {
    if (deal) void get(`/api/history/opportunity/${deal.id}`).then((page) => setEvents(page.items));
  }, [deal?.id, version]);
  if (!deal) return null;
  return html`<section data-testid="history" id="history">
    <${Title} zh=${`历史: ${deal.name}`} en="History" />
    <table>
      <tr><th>时间</th><th>事件 event</th><th>改动 changed</th></tr>
      ${(events ?? []).map(
        (h) => html`<tr data-testid="history-row">
          <td>${time(h.at)}</td><td>${h.event.replace(/^\w+\./, '')}</td>
          <td>${fieldNames(h.changes)}</td>
        </tr>`,
      )}
    </table>
  </section>`;
}

function Pipeline({ version }) {
  const [report, setReport] = useState(null);
  useEffect(() => void get('/desk/pipeline').then(setReport), [version]);
  if (!report) return html`<section>…</section>`;
  const f = report.funnel;
  return html`<section data-testid="pipeline">
    <${Title} zh="在手商机与漏斗" en="Pipeline and funnel" />
    <${BarChart}
      testid="pipeline-chart"
      rows=${report.open.byStage.map((r) => ({ label: r.label, value: r.amount, text: `${r.count} · ${yuan(r.amount, r.currency)}` }))}
    />
    <${BarChart}
      testid="funnel-chart"
      color="#5b9a68"
      rows=${[
        { label: '线索 leads', value: f.leads, text: String(f.leads) },
        { label: '转化 converted', value: f.convertedLeads, text: String(f.convertedLeads) },
        { label: '商机 deals', value: f.opportunities, text: String(f.opportunities) },
        { label: '赢单 won', value: f.wonOpportunities, text: String(f.wonOpportunities) },
        { label: '订单 orders', value: f.orders, text: String(f.orders) },
      ]}
    />
  </section>`;
}

function Customer({ accounts, focus }) {
  const [id, setId] = useState(focus ?? accounts[0]?.id);
  const [view, setView] = useState(null);
  useEffect(() => {
    if (id) void get(`/desk/customers/${id}`).then(setView);
  }, [id]);
  return html`<section data-testid="customer">
    <${Title} zh="客户 360" en="Customer 360" />
    <select data-testid="customer-select" onChange=${(e) => setId(e.target.value)} value=${id}>
      ${accounts.map((a) => html`<option value=${a.id}>${a.name}</option>`)}
    </select>
    ${
      view
        ? html`<table>
          ${view.timeline.map(
            (t) =>
              html`<tr key=${t.id} data-testid="timeline-row" data-kind=${t.kind}><td>${time(t.at).slice(0, 10)}</td><td>${t.kind}</td><td>${t.who}</td><td>${t.title}</td><td>${t.detail}</td></tr>`,
          )}
        </table>`
        : '…'
    }
  </section>`;
}

function WeekCalendar({ people, day, focus }) {
  const reps = people.filter((p) => p.role === 'sales_rep');
  const [who, setWho] = useState(focus ?? reps[0]?.id);
  const [week, setWeek] = useState(null);
  useEffect(() => {
    if (who) void get(`/api/activities/calendar?view=week&date=2026-03-10&userId=${who}`).then(setWeek);
  }, [who, day]);
  return html`<section data-testid="calendar">
    <${Title} zh="本周日程" en="Week calendar" />
    <select data-testid="calendar-select" onChange=${(e) => setWho(e.target.value)} value=${who}>
      ${reps.map((p) => html`<option value=${p.id}>${p.name}</option>`)}
    </select>
    <div class="week">
      ${(week?.days ?? []).map(
        (d) => html`<div class="day"><b>${d.date}</b>
          ${d.activities.map((a) => html`<div data-testid="calendar-item">${time(a.startAt).slice(11)} ${a.subject}</div>`)}
        </div>`,
      )}
    </div>
  </section>`;
}

function Desk({ session }) {
  const [pairs, setPairs] = useState(null);
  const [selected, setSelected] = useState(null);
  const [version, setVersion] = useState(0);
  const loadPairs = () =>
    get('/desk/duplicates').then((p) => {
      setPairs(p);
      return p;
    });
  useEffect(() => {
    void loadPairs().then((p) => p[0] && setSelected(p[0].a));
  }, []);
  async function onResolve(how, d, keep, release) {
    if (how === 'link') {
      await post('/api/duplicates/link-as-same-deal', {
        keepId: keep.id,
        releaseId: release.id,
        reason: '经理确认: 同一个招标',
      });
      setSelected(release);
    } else {
      await post('/api/duplicates/mark-not-duplicate', {
        aId: d.a.id,
        bId: d.b.id,
        reason: '经理确认: 两个不同的项目',
      });
    }
    setVersion((v) => v + 1);
    await loadPairs();
  }
  return html`
    <header><h1>${session.manager.name} 的工作台 <small>· ${session.day}</small></h1></header>
    <div class="grid">
      <${DuplicateQueue} pairs=${pairs} onResolve=${onResolve} onShow=${setSelected} />
      <${History} deal=${selected} version=${version} />
      <${MorningReview} day=${session.day} />
      <${Pipeline} version=${version} />
      <${Customer} accounts=${session.accounts} focus=${session.focus.account} />
      <${WeekCalendar} people=${session.people} day=${session.day} focus=${session.focus.salesperson} />
    </div>`;
}

const session = await get('/desk/session');
userId = session.manager.id;
const root = document.getElementById('desk');
root.textContent = '';
render(html`<${Desk} session=${session} />`, root);
