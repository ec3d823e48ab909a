'use strict';
// NeoGlobal leakage dashboard. Money arrives as exact decimal strings ("12345.6700") and is formatted with BigInt
// arithmetic only — never Number/parseFloat. Every value reaches the DOM through textContent.
(() => {
  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';
  const state = { filter: {}, sort: 'leakage_amount', dir: 'desc', page: 1, size: 50, total: 0, rowsVersion: 0 };

  // ---- exact money ----
  function units(s) {
    const m = /^(-?)(\d+)(?:\.(\d{1,4}))?$/.exec(s);
    if (!m) throw new Error('not a decimal: ' + s);
    const v = BigInt(m[2] + (m[3] || '').padEnd(4, '0'));
    return m[1] ? -v : v;
  }
  function money(s) {
    if (s === null || s === undefined) return '';
    const u = units(s), neg = u < 0n, a = neg ? -u : u;
    const cents = (a + 50n) / 100n; // half away from zero, to the cent
    const whole = (cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (neg && cents !== 0n ? '-' : '') + '$' + whole + '.' + (cents % 100n).toString().padStart(2, '0');
  }
  const count = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  window.ngDashboard = { money, units };

  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === 'text') e.textContent = v; else if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
    }
    for (const c of children) if (c) e.append(c);
    return e;
  }
  function svg(tag, attrs) { const e = document.createElementNS(SVG, tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v); return e; }
  function showError(msg) { const e = $('error'); e.textContent = msg || ''; e.hidden = !msg; }
  async function getJson(url) {
    const r = await fetch(url, { headers: { accept: 'application/json' } });
    const body = await r.json().catch(() => ({ error: r.statusText }));
    if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
    return body;
  }

  // ---- cards ----
  function card(id, title, value, sub, exact, primary) {
    const c = el('div', { class: 'card' + (primary ? ' primary' : ''), id }, el('div', { class: 'card-title', text: title }),
      el('div', { class: 'card-value', text: value }), el('div', { class: 'card-sub', text: sub }));
    if (exact !== undefined) { c.dataset.value = exact; c.title = exact; }
    return c;
  }
  function renderCards(s) {
    const c = s.cards;
    $('cards').replaceChildren(
      card('card-leakage', 'Total Leakage ($)', money(c.totalLeakage), 'missing in ERP + |amount deltas|', c.totalLeakage, true),
      card('card-missing', 'Missing in ERP', money(c.missingInErpTotal), count(c.missingInErpCount) + ' records', c.missingInErpTotal),
      card('card-mismatch', 'Amount mismatches', money(c.amountMismatchTotal), count(c.amountMismatchCount) + ' records', c.amountMismatchTotal),
      card('card-drift', 'Timing drifts', count(c.timingDriftCount), count(c.cutoffRiskCount) + ' cut-off risks', String(c.timingDriftCount)),
      card('card-metadata', 'Metadata mismatches', count(c.metadataMismatchCount), 'records', String(c.metadataMismatchCount)),
      card('card-match', 'Match rate', c.matchRatePercent + '%', count(c.matchedRecords) + ' / ' + count(c.billingRecords) + ' billing records', c.matchRatePercent));
    $('definition').textContent = s.definition;
    $('computed').textContent = 'Figures computed ' + s.computedAtUtc + ' · ' + count(c.totalRecords) + ' records · ' +
      count(c.unreconciledRecords) + ' unreconciled · ' + count(c.openRecords) + ' open · ' + count(c.needsReviewRecords) + ' need review';
  }

  // ---- charts (hand-rolled SVG) ----
  function ratio(v, max) { return max === 0n ? 0 : Number((v < 0n ? -v : v) * 1000n / max) / 1000; }
  function columnChart(host, bars, height, onClick) {
    const max = bars.reduce((m, b) => (b.units > m ? b.units : m), 0n);
    const bw = Math.max(2, Math.min(40, Math.floor(1000 / Math.max(1, bars.length)))), gap = bw > 6 ? 2 : 0;
    const s = svg('svg', { width: bars.length * bw + 10, height: height + 18, role: 'img' });
    bars.forEach((b, i) => {
      const h = Math.max(b.units === 0n ? 0 : 1, Math.round(ratio(b.units, max) * height));
      const r = svg('rect', { class: 'bar', x: i * bw, y: height - h, width: bw - gap, height: Math.max(h, 1), 'data-key': b.key, 'data-value': b.value });
      const t = svg('title', {}); t.textContent = b.label + ': ' + b.text; r.append(t);
      r.addEventListener('click', () => { host.querySelectorAll('.selected').forEach((x) => x.classList.remove('selected')); r.classList.add('selected'); onClick(b); });
      s.append(r);
      if (b.tick) { const l = svg('text', { x: i * bw, y: height + 14 }); l.textContent = b.tick; s.append(l); }
    });
    host.replaceChildren(s);
  }
  function rowChart(host, bars, onClick) {
    const max = bars.reduce((m, b) => (b.units > m ? b.units : m), 0n), rh = 20, lw = 140, w = 300;
    const s = svg('svg', { width: lw + w + 190, height: bars.length * rh + 4, role: 'img' });
    bars.forEach((b, i) => {
      const l = svg('text', { x: 0, y: i * rh + 14 }); l.textContent = b.label; s.append(l);
      const bwid = Math.max(1, Math.round(ratio(b.units, max) * w));
      const r = svg('rect', { class: 'bar', x: lw, y: i * rh + 3, width: bwid, height: rh - 6, 'data-key': b.key, 'data-value': b.value });
      r.addEventListener('click', () => onClick(b)); s.append(r);
      const v = svg('text', { x: lw + bwid + 6, y: i * rh + 14 }); v.textContent = b.text; s.append(v);
    });
    host.replaceChildren(s);
  }
  function renderCharts(s) {
    const series = (list, tickEvery) => list.map((b, i) => ({ key: b.key, value: b.leakage, units: units(b.leakage), label: b.key,
      text: money(b.leakage) + ' · ' + count(b.leakingRecords) + ' records', tick: i % tickEvery === 0 ? b.key.slice(0, 7) : '' }));
    columnChart($('chart-month'), series(s.byMonth, Math.max(1, Math.ceil(s.byMonth.length / 8))), 120, (b) => {
      const d = new Date(b.key + 'T00:00:00Z'); const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
      applyFilter({ from: b.key, to: end.toISOString().slice(0, 10), leaking: '1' });
    });
    columnChart($('chart-day'), series(s.byDay, Math.max(1, Math.ceil(s.byDay.length / 12))), 90, (b) => applyFilter({ from: b.key, to: b.key, leaking: '1' }));
    rowChart($('chart-type'), s.byAnomalyType.map((b) => ({ key: b.anomalyType, value: String(b.records), units: BigInt(b.records),
      label: b.anomalyType, text: count(b.records) + ' · ' + money(b.leakage) })), (b) => applyFilter({ anomaly: b.key }));
    const sel = $('f-anomaly'), st = $('f-status');
    for (const b of s.byAnomalyType) sel.append(el('option', { value: b.anomalyType, text: b.anomalyType }));
    for (const v of s.statuses) st.append(el('option', { value: v, text: v }));
  }

  // ---- table ----
  function query(extra) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(state.filter)) if (v) p.set(k, v);
    if (extra) { p.set('sort', state.sort); p.set('dir', state.dir); p.set('page', String(state.page)); p.set('size', String(state.size)); }
    return p.toString();
  }
  function applyFilter(f) { state.filter = f; state.page = 1; writeForm(); loadRows(); $('transactions-anchor')?.scrollIntoView(); }
  function writeForm() {
    for (const k of ['anomaly', 'status', 'from', 'to', 'min', 'max', 'customer', 'q']) $('f-' + k).value = state.filter[k] || '';
    $('f-leaking').checked = state.filter.leaking === '1';
  }
  function readForm() {
    const f = {};
    for (const k of ['anomaly', 'status', 'from', 'to', 'min', 'max', 'customer', 'q']) { const v = $('f-' + k).value.trim(); if (v) f[k] = v; }
    if ($('f-leaking').checked) f.leaking = '1';
    return f;
  }
  async function loadRows() {
    const qs = query(true);
    $('csv').href = 'api/rows.csv' + (query(false) ? '?' + query(false) + '&' : '?') + 'sort=' + state.sort + '&dir=' + state.dir;
    try {
      const data = await getJson('api/rows?' + qs);
      showError('');
      renderRows(data);
    } catch (e) { showError(e.message); renderRows({ total: 0, leakageTotal: '0.0000', rows: [], page: 1, pageSize: state.size, queryMs: 0 }); }
  }
  function renderRows(d) {
    state.total = d.total;
    const body = $('rows').tBodies[0];
    body.replaceChildren(...d.rows.map((r) => {
      const tr = el('tr', { 'data-id': r.reconId },
        el('td', { text: r.reconId }), el('td', { text: r.transactionDate || '' }), el('td', { text: r.customerName || '' }),
        el('td', { text: r.anomalyType || '' }), el('td', { text: r.status || '' }),
        el('td', { class: 'num', text: money(r.billingAmount) }), el('td', { class: 'num', text: money(r.ledgerAmount) }),
        el('td', { class: 'num', text: money(r.variance) }), el('td', { class: 'num', text: money(r.leakageAmount), 'data-value': r.leakageAmount || '' }),
        el('td', { text: r.stripeId || '' }), el('td', { text: r.netsuiteExternalId || '' }), el('td', { text: r.proposedAction || '' }));
      tr.addEventListener('click', () => openDetail(r.reconId));
      return tr;
    }));
    $('rows-total').textContent = count(d.total) + ' matching records';
    $('rows-total').dataset.total = String(d.total);
    $('rows-leakage').textContent = '· leakage ' + money(d.leakageTotal);
    $('rows-leakage').dataset.value = d.leakageTotal;
    $('rows-ms').textContent = '· ' + d.queryMs + ' ms';
    const pages = Math.max(1, Math.ceil(d.total / state.size));
    $('page-info').textContent = 'page ' + state.page + ' of ' + count(pages);
    $('prev').disabled = state.page <= 1; $('next').disabled = state.page >= pages;
    for (const th of $('rows').tHead.querySelectorAll('th[data-sort]')) {
      th.classList.toggle('sorted-asc', th.dataset.sort === state.sort && state.dir === 'asc');
      th.classList.toggle('sorted-desc', th.dataset.sort === state.sort && state.dir === 'desc');
    }
    $('rows').dataset.query = query(true);
    document.body.dataset.rowsVersion = String(++state.rowsVersion);
  }

  // ---- detail ----
  function dl(title, pairs) {
    const list = el('dl');
    for (const [k, v] of pairs) list.append(el('dt', { text: k }), el('dd', { text: v === null || v === undefined ? '—' : String(v) }));
    return el('div', {}, el('h3', { text: title }), list);
  }
  async function openDetail(id) {
    try {
      const d = await getJson('api/items/' + encodeURIComponent(id));
      const s = d.stripe, n = d.netSuite, r = d.reconciliation;
      $('detail-title').textContent = r.reconId + ' — ' + (r.anomalyType || '');
      $('detail-stripe').replaceChildren(dl('Stripe (billing)', [['stripe_id', s.stripeId], ['object', s.stripeObject], ['customer', s.customerName],
        ['customer_id', s.customerId], ['billed_at', s.billedAt], ['billing_month', s.billingMonth], ['amount', money(s.billingAmount)]]));
      $('detail-netsuite').replaceChildren(dl('NetSuite (ledger)', [['internal_id', n.internalId], ['external_id', n.externalId], ['erp_customer_id', n.erpCustomerId],
        ['posted_at', n.postedAt], ['posting_period', n.postingPeriod], ['account', n.accountNumber], ['amount', money(n.ledgerAmount)]]));
      $('detail-recon').replaceChildren(dl('Reconciliation', [['status', r.status], ['match_method', r.matchMethod], ['detail', r.anomalyDetail],
        ['variance', money(r.variance)], ['leakage', money(r.leakageAmount)], ['drift_hours', r.driftHours], ['flags', r.flags.join(', ')], ['proposed', r.proposedAction]]));
      const cols = ['adjustment_id', 'journal', 'line', 'date', 'period', 'account', 'debit', 'credit', 'memo', 'approval'];
      const table = el('table', { class: 'grid', id: 'adjustments' }, el('thead', {}, el('tr', {}, ...cols.map((c) => el('th', { text: c })))),
        el('tbody', {}, ...d.adjustments.map((a) => el('tr', {}, ...[a.adjustmentId, a.journalExternalId, a.line, a.tranDate, a.postingPeriod, a.accountNumber]
          .map((v) => el('td', { text: v === null ? '' : String(v) })), el('td', { class: 'num', text: money(a.debitUsd) }),
          el('td', { class: 'num', text: money(a.creditUsd) }), el('td', { text: a.memo || '' }), el('td', { text: a.requiresApproval ? 'required' : '' })))));
      $('detail-adjustments').replaceChildren(d.adjustments.length ? table : el('p', { class: 'muted', text: d.adjustmentsNote || 'No adjustment proposed.' }));
      $('detail').hidden = false;
    } catch (e) { showError(e.message); }
  }

  // ---- wiring ----
  async function init() {
    $('filters').addEventListener('submit', (e) => { e.preventDefault(); state.filter = readForm(); state.page = 1; loadRows(); });
    $('reset').addEventListener('click', () => applyFilter({}));
    $('prev').addEventListener('click', () => { if (state.page > 1) { state.page--; loadRows(); } });
    $('next').addEventListener('click', () => { if (state.page * state.size < state.total) { state.page++; loadRows(); } });
    $('detail-close').addEventListener('click', () => { $('detail').hidden = true; });
    for (const th of $('rows').tHead.querySelectorAll('th[data-sort]')) th.addEventListener('click', () => {
      if (state.sort === th.dataset.sort) state.dir = state.dir === 'asc' ? 'desc' : 'asc'; else { state.sort = th.dataset.sort; state.dir = 'asc'; }
      state.page = 1; loadRows();
    });
    try {
      const [summary] = await Promise.all([getJson('api/summary'), loadRows()]);
      renderCards(summary); renderCharts(summary);
    } catch (e) { showError(e.message); }
    document.body.dataset.ready = '1';
  }
  init();
})();
