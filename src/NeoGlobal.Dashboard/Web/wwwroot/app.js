'use strict';
// NeoGlobal leakage dashboard. Money arrives as exact decimal strings ("12345.6700") and is formatted with BigInt
// arithmetic only — never Number/parseFloat. Every value reaches the DOM through textContent.
(() => {
  const $ = (id) => document.getElementById(id);
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
  function showError(msg) { const e = $('error'); e.textContent = msg || ''; e.hidden = !msg; }

  // ---- plain-language classes (codes only in tooltips and CSV) ----
  // From the server's classes.json (/classes.js): the same words the exported report uses.
  const WORDS = window.NG_WORDS || { classes: {}, statuses: {} };
  // One lookup for both tables, as PlainLanguage.Lookup does on the server: '—' for no code, the code in words if unknown.
  const word = (table, code) => (code === null || code === undefined || code === '' ? { label: '—', explain: '' }
    : Object.hasOwn(table, code) ? table[code] : { label: code.replace(/_/g, ' '), explain: '' });
  const label = (code) => word(WORDS.classes, code).label;
  const explain = (code) => word(WORDS.classes, code).explain;
  const statusLabel = (code) => word(WORDS.statuses, code).label;
  const dash = (v) => (v === null || v === undefined || v === '' ? '—' : String(v));
  const account = (number, name) => (number === null || number === undefined ? null : name ? number + ' · ' + name : String(number));
  const moneyOrDash = (v) => (v === null || v === undefined ? '—' : money(v));

  // ---- connection state: nothing is shown as current unless it just came from the server ----
  class HttpError extends Error { constructor(status, msg) { super(msg); this.status = status; } }
  const conn = { state: 'loading', lastGood: null, timer: 0, serverStale: null, version: null };
  const HEARTBEAT_MS = 3000;
  function clock(d) { return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }); }
  function setConnection(kind, why) {
    conn.state = kind;
    document.body.dataset.state = kind;
    const stale = kind === 'stale' || kind === 'error';
    for (const id of ['cards', 'charts', 'transactions']) { const e = $(id); if (e) { e.classList.toggle('stale', stale); e.setAttribute('aria-busy', kind === 'loading' ? 'true' : 'false'); } }
    const banner = $('status');
    if (kind === 'stale' && conn.serverStale) {
      $('status-text').textContent = 'The warehouse cannot be read right now (' + why + '). The figures below are NOT current: they are the last good data, from ' + clock(conn.lastGood) + '. Checking again every few seconds.';
    } else if (kind === 'stale') {
      $('status-text').textContent = 'Connection lost (' + why + '). The figures below are NOT current: they are the last good data, from ' + clock(conn.lastGood) + '. Retrying every few seconds.';
    } else if (kind === 'error') {
      $('status-text').textContent = 'Cannot load the figures (' + why + '). Nothing below is current.';
    }
    banner.hidden = !stale;
    for (const c of document.querySelectorAll('.card')) {
      let mark = c.querySelector('.stale-mark');
      if (stale && conn.lastGood) {
        if (!mark) { mark = el('div', { class: 'stale-mark' }); c.append(mark); }
        mark.textContent = 'stale · as of ' + clock(conn.lastGood);
      } else if (mark) mark.remove();
    }
    $('rows-meta').classList.toggle('stale-text', stale);
    if (stale && conn.lastGood) $('rows-ms').textContent = '· stale, as of ' + clock(conn.lastGood);
    clearTimeout(conn.timer);
    if (kind !== 'loading') conn.timer = setTimeout(heartbeat, HEARTBEAT_MS);
  }
  function connectionLost(e) { conn.serverStale = null; setConnection(conn.lastGood ? 'stale' : 'error', e.message); }
  // An answer the server marks stale (a build holds the warehouse) is the last good data, not current data.
  function good() {
    const st = conn.serverStale;
    if (st) { conn.lastGood = new Date(st.asOf); setConnection('stale', st.reason); return; }
    conn.lastGood = new Date(); if (conn.state !== 'ready') setConnection('ready');
  }
  async function heartbeat() {
    try {
      const r = await fetch('healthz', { cache: 'no-store' });
      if (!r.ok) throw new HttpError(r.status, 'HTTP ' + r.status);
      // Reload when figures are not current, when the server starts serving stale data, or when a new build landed.
      const staleNow = r.headers.get('x-data-stale-as-of'), version = r.headers.get('x-data-version');
      if (conn.state === 'stale' || conn.state === 'error' || (staleNow && !conn.serverStale) || (version && conn.version && version !== conn.version)) await reloadAll();
      else setConnection(conn.state);
    } catch (e) { connectionLost(e instanceof HttpError ? e : new Error('server not reachable')); }
  }
  async function getJson(url) {
    let r;
    try { r = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' }); } catch { throw new HttpError(0, 'server not reachable'); }
    const body = await r.json().catch(() => ({ error: r.statusText || 'unreadable response' }));
    if (!r.ok) throw new HttpError(r.status, body.error || ('HTTP ' + r.status));
    const asOf = r.headers.get('x-data-stale-as-of');
    if (r.headers.get('x-data-version')) conn.version = r.headers.get('x-data-version');
    conn.serverStale = asOf ? { asOf, reason: r.headers.get('x-data-stale-reason') || 'warehouse unreadable' } : null;
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
      card('card-leakage', 'Total Leakage ($)', money(c.totalLeakage), 'missing in NetSuite + amount differences', c.totalLeakage, true),
      card('card-missing', 'Missing in NetSuite', money(c.missingInErpTotal), count(c.missingInErpCount) + ' records', c.missingInErpTotal),
      card('card-mismatch', 'Amount differences', money(c.amountMismatchTotal), count(c.amountMismatchCount) + ' records', c.amountMismatchTotal),
      card('card-overstatement', 'ERP overstatement', money(c.erpOverstatementTotal), 'NetSuite above Stripe (posted twice, no Stripe record, refund never credited) · ' + count(c.erpOverstatementCount) + ' records', c.erpOverstatementTotal),
      card('card-drift', 'Posted late', count(c.timingDriftCount), count(c.cutoffRiskCount) + ' in a later period (cut-off risk)', String(c.timingDriftCount)),
      card('card-metadata', 'Details differ', count(c.metadataMismatchCount), 'records (customer or id differs; amounts agree)', String(c.metadataMismatchCount)),
      card('card-match', 'Match rate', c.matchRatePercent + '%', count(c.matchedRecords) + ' / ' + count(c.billingRecords) + ' Stripe records', c.matchRatePercent));
    $('definition').textContent = s.definition;
    $('computed').textContent = 'Figures computed ' + s.computedAtUtc + ' · ' + count(c.totalRecords) + ' records · ' +
      count(c.unreconciledRecords) + ' unreconciled · ' + count(c.openRecords) + ' open · ' + count(c.needsReviewRecords) + ' need review';
  }

  // ---- charts (vendored ECharts via charts.js; every label, tick and tooltip is a string from the decimal strings) ----
  function unitsString(u) { const neg = u < 0n, a = neg ? -u : u; return (neg ? '-' : '') + (a / 10000n) + '.' + (a % 10000n).toString().padStart(4, '0'); }
  function ticks(bars) {
    const max = bars.reduce((m, b) => (b.units > m ? b.units : m), 0n);
    return [money('0.0000'), money(unitsString(max / 2n)), money(unitsString(max))];
  }
  let lastSummary = null;
  function renderCharts(s) {
    lastSummary = s;
    const series = (list, tickEvery, name) => list.map((b, i) => ({ key: b.key, value: b.leakage, units: units(b.leakage), label: name(b.key),
      money: money(b.leakage), note: count(b.leakingRecords) + ' leaking records · ERP overstatement beside it ' + money(b.erpOverstatement) + ' (NetSuite above Stripe)', tick: i % tickEvery === 0 ? b.key.slice(0, 7) : '' }));
    // Ticks and value labels thin out to what the width holds (a 390 px phone has room for ~5 month ticks, no values).
    const width = (id) => $(id).clientWidth || 600;
    const every = (n, id, px) => Math.max(1, Math.ceil(n / 8), Math.ceil((n * px) / width(id)));
    const month = series(s.byMonth, every(s.byMonth.length, 'chart-month', 64), (k) => k.slice(0, 7));
    const monthValues = width('chart-month') / Math.max(1, s.byMonth.length) >= 48;
    ngCharts.draw($('chart-month'), { name: 'Leakage per month', bars: month, ticks: ticks(month), values: monthValues, height: 190, onPick: (b) => {
      const d = new Date(b.key + 'T00:00:00Z'); const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
      applyFilter({ from: b.key, to: end.toISOString().slice(0, 10), leaking: '1' });
    } });
    const day = series(s.byDay, Math.max(Math.ceil(s.byDay.length / 12), every(s.byDay.length, 'chart-day', 72)), (k) => k);
    ngCharts.draw($('chart-day'), { name: 'Leakage per day', bars: day, ticks: ticks(day), height: 150, onPick: (b) => applyFilter({ from: b.key, to: b.key, leaking: '1' }) });
    // Dollars, not record counts: 190k perfect matches must not dwarf the missing-in-ERP dollars.
    const types = s.byAnomalyType.filter((b) => b.anomalyType !== 'perfect_match').map((b) => ({ key: b.anomalyType, value: b.leakage, units: units(b.leakage),
      label: label(b.anomalyType), money: money(b.leakage), text: money(b.leakage) + ' · ' + count(b.records) + ' records',
      note: '(' + b.anomalyType + ') ' + explain(b.anomalyType) + ' · ' + count(b.records) + ' records' }))
      .sort((a, b) => (a.units < b.units ? 1 : a.units > b.units ? -1 : 0));
    ngCharts.draw($('chart-type'), { name: 'Leakage by type', bars: types, ticks: ticks(types), horizontal: true, values: true, height: 28 * types.length + 34, onPick: (b) => applyFilter({ anomaly: b.key }) });
    // Every class in plain words with its one-line explanation (the codes stay in tooltips and the CSV).
    $('class-key').replaceChildren(...types.map((b) => el('li', {}, el('strong', { text: b.label }), ' — ' + explain(b.key))));
    const sel = $('f-anomaly'), st = $('f-status');
    if (!sel.dataset.filled) {
      for (const b of s.byAnomalyType) sel.append(el('option', { value: b.anomalyType, text: label(b.anomalyType), title: explain(b.anomalyType) }));
      for (const v of s.statuses) st.append(el('option', { value: v, text: statusLabel(v) }));
      sel.dataset.filled = '1';
      writeForm();
    }
  }

  // ---- table: the filter lives in the page URL (shareable; back/forward restore it) ----
  const FIELDS = ['anomaly', 'status', 'from', 'to', 'min', 'max', 'customer', 'q'];
  const SIZES = ['25', '50', '100', '250'];
  function query(extra) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(state.filter)) if (v) p.set(k, v);
    if (extra) { p.set('sort', state.sort); p.set('dir', state.dir); p.set('page', String(state.page)); p.set('size', String(state.size)); }
    return p.toString();
  }
  function pageUrl() {
    const p = new URLSearchParams(query(false));
    if (state.sort !== 'leakage_amount' || state.dir !== 'desc') { p.set('sort', state.sort); p.set('dir', state.dir); }
    if (state.page !== 1) p.set('page', String(state.page));
    if (state.size !== 50) p.set('size', String(state.size));
    if (state.item) p.set('item', state.item);
    const qs = p.toString();
    return location.pathname + (qs ? '?' + qs : '');
  }
  function pushUrl(replace) {
    const url = pageUrl();
    if (url === location.pathname + location.search) return;
    if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  }
  function readUrl() {
    const p = new URLSearchParams(location.search), f = {};
    for (const k of FIELDS) { const v = p.get(k); if (v) f[k] = v; }
    if (p.get('leaking') === '1') f.leaking = '1';
    state.filter = f;
    state.sort = p.get('sort') || 'leakage_amount';
    state.dir = p.get('dir') === 'asc' ? 'asc' : 'desc';
    state.page = Math.max(1, parseInt(p.get('page') || '1', 10) || 1);
    state.size = SIZES.includes(p.get('size')) ? Number(p.get('size')) : 50;
    state.item = p.get('item') || '';
  }
  function applyFilter(f) {
    state.filter = f; state.page = 1; writeForm(); pushUrl(false); loadRows();
    $('transactions').scrollIntoView({ block: 'start' });
  }
  function writeForm() {
    for (const k of FIELDS) $('f-' + k).value = state.filter[k] || '';
    $('f-leaking').checked = state.filter.leaking === '1';
    $('f-size').value = String(state.size);
    clearFieldErrors();
  }
  function readForm() {
    const f = {};
    for (const k of FIELDS) { const v = $('f-' + k).value.trim(); if (v) f[k] = v; }
    if ($('f-leaking').checked) f.leaking = '1';
    return f;
  }
  const AMOUNT = /^-?\d{1,12}(\.\d{1,4})?$/;
  function fieldError(name, msg) {
    const input = $('f-' + name), box = $('f-' + name + '-err');
    if (!input || !box) return false;
    box.textContent = msg; box.hidden = false; input.setAttribute('aria-invalid', 'true');
    return true;
  }
  function clearFieldErrors() {
    for (const k of FIELDS) { const b = $('f-' + k + '-err'); if (b) { b.hidden = true; b.textContent = ''; } $('f-' + k).removeAttribute('aria-invalid'); }
    $('filter-error').hidden = true;
  }
  function validate(f) {
    let ok = true;
    const bad = (k, msg) => { fieldError(k, msg); ok = false; };
    for (const k of ['min', 'max']) if (f[k] && !AMOUNT.test(f[k])) bad(k, 'Enter an amount like 1250 or -99.50 (up to 4 decimals)');
    if (ok && f.min && f.max && units(f.min) > units(f.max)) bad('max', 'Must be at least the “Amount ≥” value');
    if (f.from && f.to && f.from > f.to) bad('to', 'Must be on or after “From”');
    return ok;
  }
  function notCurrent(msg) {
    // The table keeps the last rows, visibly marked as not matching the filter shown.
    $('transactions').classList.add('not-current');
    $('rows-total').textContent = msg;
    $('rows-leakage').textContent = ''; $('rows-ms').textContent = '';
    $('page-info').textContent = ''; $('prev').disabled = true; $('next').disabled = true;
    $('rows').dataset.query = '';
    document.body.dataset.rowsVersion = String(++state.rowsVersion);
  }
  let rowsSeq = 0;
  async function loadRows() {
    const seq = ++rowsSeq;
    clearFieldErrors();
    if (!validate(state.filter)) { notCurrent('Results not updated: correct the highlighted field.'); return true; }
    const qs = query(true);
    $('csv').href = 'api/rows.csv?' + (query(false) ? query(false) + '&' : '') + 'sort=' + state.sort + '&dir=' + state.dir;
    try {
      const data = await getJson('api/rows?' + qs);
      if (seq !== rowsSeq) return true;
      showError('');
      $('transactions').classList.remove('not-current');
      good();
      renderRows(data);
      return true;
    } catch (e) {
      if (seq !== rowsSeq) return true;
      if (e.status === 400) {
        const m = /^'([a-z]+)'/.exec(e.message);
        if (!(m && fieldError(m[1], e.message))) { $('filter-error').textContent = e.message; $('filter-error').hidden = false; }
        showError(e.message);
        notCurrent('Results not updated: ' + e.message);
        return true;
      }
      connectionLost(e);
      document.body.dataset.rowsVersion = String(++state.rowsVersion);
      return false;
    }
  }
  function renderRows(d) {
    state.total = d.total;
    const body = $('rows').tBodies[0];
    body.replaceChildren(...d.rows.map((r) => {
      const tr = el('tr', { 'data-id': r.reconId, tabIndex: 0 },
        el('td', { text: r.reconId }), el('td', { text: dash(r.transactionDate) }), el('td', { text: dash(r.customerName) }),
        el('td', { text: label(r.anomalyType), title: (r.anomalyType || '—') + (explain(r.anomalyType) ? ': ' + explain(r.anomalyType) : ''), 'data-code': r.anomalyType || '' }),
        el('td', { text: statusLabel(r.status), title: r.status || '', 'data-code': r.status || '' }),
        el('td', { class: 'num', text: moneyOrDash(r.billingAmount) }), el('td', { class: 'num', text: moneyOrDash(r.ledgerAmount) }),
        el('td', { class: 'num', text: moneyOrDash(r.variance) }), el('td', { class: 'num', text: moneyOrDash(r.leakageAmount), 'data-value': r.leakageAmount || '' }),
        el('td', { text: dash(r.stripeId) }), el('td', { text: dash(r.netsuiteExternalId) }), el('td', { text: dash(r.proposedAction) }));
      tr.addEventListener('click', () => openDetail(r.reconId, tr));
      tr.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); openDetail(r.reconId, tr); } });
      return tr;
    }));
    $('empty').hidden = d.total !== 0;
    $('rows').classList.toggle('is-empty', d.total === 0);
    $('rows-total').textContent = count(d.total) + ' matching records';
    $('rows-total').dataset.total = String(d.total);
    $('rows-leakage').textContent = '· leakage ' + money(d.leakageTotal);
    $('rows-leakage').dataset.value = d.leakageTotal;
    $('rows-ms').textContent = '· ' + d.queryMs + ' ms';
    const pages = Math.max(1, Math.ceil(d.total / state.size));
    $('page-info').textContent = d.total === 0 ? '' : 'page ' + count(state.page) + ' of ' + count(pages);
    $('prev').disabled = state.page <= 1; $('next').disabled = state.page >= pages;
    for (const th of $('rows').tHead.querySelectorAll('th[data-sort]')) {
      const on = th.dataset.sort === state.sort;
      th.classList.toggle('sorted-asc', on && state.dir === 'asc');
      th.classList.toggle('sorted-desc', on && state.dir === 'desc');
      th.setAttribute('aria-sort', on ? (state.dir === 'asc' ? 'ascending' : 'descending') : 'none');
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
  let detailSeq = 0;
  async function openDetail(id, opener) {
    const seq = ++detailSeq;
    try {
      const d = await getJson('api/items/' + encodeURIComponent(id));
      if (seq !== detailSeq) return;
      good();
      const s = d.stripe, n = d.netSuite, r = d.reconciliation;
      $('detail-title').textContent = r.reconId + ' — ' + label(r.anomalyType);
      $('detail-title').title = r.anomalyType || '';
      const hasStripe = s.stripeId !== null && s.stripeId !== undefined;
      const hasNs = (n.internalId !== null && n.internalId !== undefined) || (n.externalId !== null && n.externalId !== undefined);
      $('detail-stripe').replaceChildren(hasStripe ? dl('Stripe (billing)', [['stripe_id', s.stripeId], ['object', s.stripeObject], ['customer', s.customerName],
        ['customer_id', s.customerId], ['billed_at', s.billedAt], ['billing_month', s.billingMonth], ['amount', moneyOrDash(s.billingAmount)]])
        : el('div', {}, el('h3', { text: 'Stripe (billing)' }), el('p', { class: 'absent', text: 'No Stripe record — nothing was billed for this ledger line.' })));
      $('detail-netsuite').replaceChildren(hasNs ? dl('NetSuite (ledger)', [['internal_id', n.internalId], ['external_id', n.externalId], ['erp_customer_id', n.erpCustomerId],
        ['posted_at', n.postedAt], ['posting_period', n.postingPeriod], ['account', account(n.accountNumber, n.accountName)], ['amount', moneyOrDash(n.ledgerAmount)]])
        : el('div', {}, el('h3', { text: 'NetSuite (ledger)' }), el('p', { class: 'absent', text: 'No NetSuite record — this billing was never posted.' })));
      $('detail-recon').replaceChildren(dl('Reconciliation', [['class', label(r.anomalyType) + (explain(r.anomalyType) ? ' — ' + explain(r.anomalyType) : '')], ['status', statusLabel(r.status)], ['matched by', r.matchMethod ? r.matchMethod.replace(/_/g, ' ') : null], ['detail', r.anomalyDetail ? r.anomalyDetail.replace(/_/g, ' ') : null],
        ['variance', moneyOrDash(r.variance)], ['leakage', moneyOrDash(r.leakageAmount)], ['posting delay (hours)', r.driftHours], ['flags', r.flags.length ? r.flags.join(', ') : null], ['proposed action', r.proposedAction]]));
      const cols = ['adjustment_id', 'journal', 'line', 'date', 'period', 'account', 'debit', 'credit', 'memo', 'approval'];
      const table = el('table', { class: 'grid', id: 'adjustments' }, el('thead', {}, el('tr', {}, ...cols.map((c) => el('th', { text: c })))),
        el('tbody', {}, ...d.adjustments.map((a) => el('tr', {}, ...[a.adjustmentId, a.journalExternalId, a.line, a.tranDate, a.postingPeriod, account(a.accountNumber, a.accountName)]
          .map((v) => el('td', { text: dash(v) })), el('td', { class: 'num', text: moneyOrDash(a.debitUsd) }),
          el('td', { class: 'num', text: moneyOrDash(a.creditUsd) }), el('td', { text: dash(a.memo) }), el('td', { text: a.requiresApproval ? 'required' : '—' })))));
      $('detail-adjustments').replaceChildren(d.adjustments.length ? el('div', { class: 'table-wrap' }, table) : el('p', { class: 'muted', text: d.adjustmentsNote || 'No adjustment proposed.' }));
      state.item = r.reconId; state.opener = opener || null;
      pushUrl(false);
      $('detail-link').href = pageUrl();
      const dialog = $('detail');
      if (!dialog.open) dialog.showModal();
      $('detail-close').focus();
    } catch (e) {
      if (e.status === 0 || e.status >= 500) connectionLost(e); else showError(e.message);
    }
  }
  function closeDetail() {
    const dialog = $('detail');
    if (dialog.open) dialog.close();
  }

  // ---- wiring ----
  let typing = 0;
  function formChanged(now) {
    clearTimeout(typing);
    const go = () => { state.filter = readForm(); state.page = 1; pushUrl(false); loadRows(); };
    if (now) go(); else typing = setTimeout(go, 250);
  }
  async function reloadAll() {
    const [summary, rowsOk] = await Promise.all([getJson('api/summary'), loadRows()]);
    if (!rowsOk) throw new HttpError(0, 'server not reachable');
    renderCards(summary); renderCharts(summary);
    good();
    if (!conn.serverStale) setConnection('ready');
  }
  function applyTheme(t) {
    document.documentElement.dataset.theme = t;
    $('theme').setAttribute('aria-pressed', t === 'dark' ? 'true' : 'false');
    if (lastSummary) renderCharts(lastSummary); // chart colours follow the theme
    $('theme').textContent = t === 'dark' ? 'Light mode' : 'Dark mode';
  }
  async function init() {
    // A phone turned sideways (or a window resized across the breakpoint) redraws the charts with the ticks it holds.
    matchMedia('(max-width: 640px)').addEventListener('change', () => { if (lastSummary) renderCharts(lastSummary); });
    const saved = (() => { try { return localStorage.getItem('ng-theme'); } catch { return null; } })();
    applyTheme(saved || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
    $('theme').addEventListener('click', () => {
      const t = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
      applyTheme(t); try { localStorage.setItem('ng-theme', t); } catch { /* private mode */ }
    });
    $('filters').addEventListener('submit', (e) => { e.preventDefault(); formChanged(true); });
    for (const k of FIELDS) {
      const input = $('f-' + k);
      input.addEventListener(input.tagName === 'SELECT' || input.type === 'date' ? 'change' : 'input', () => formChanged(input.tagName === 'SELECT' || input.type === 'date'));
    }
    $('f-leaking').addEventListener('change', () => formChanged(true));
    $('f-size').addEventListener('change', () => { state.size = Number($('f-size').value); state.page = 1; pushUrl(false); loadRows(); });
    $('reset').addEventListener('click', () => applyFilter({}));
    $('empty-clear').addEventListener('click', () => applyFilter({}));
    $('retry').addEventListener('click', () => { reloadAll().catch(connectionLost); });
    $('prev').addEventListener('click', () => { if (state.page > 1) { state.page--; pushUrl(false); loadRows(); } });
    $('next').addEventListener('click', () => { if (state.page * state.size < state.total) { state.page++; pushUrl(false); loadRows(); } });
    const dialog = $('detail');
    $('detail-close').addEventListener('click', closeDetail);
    dialog.addEventListener('click', (e) => { if (e.target === dialog) closeDetail(); }); // backdrop
    dialog.addEventListener('close', () => {
      if (state.item) { state.item = ''; pushUrl(false); }
      const o = state.opener; state.opener = null;
      if (o && o.isConnected) o.focus();
    });
    window.addEventListener('popstate', () => {
      readUrl(); writeForm(); loadRows();
      if (state.item) openDetail(state.item); else closeDetail();
    });
    for (const th of $('rows').tHead.querySelectorAll('th[data-sort]')) {
      th.tabIndex = 0;
      const sort = () => {
        if (state.sort === th.dataset.sort) state.dir = state.dir === 'asc' ? 'desc' : 'asc'; else { state.sort = th.dataset.sort; state.dir = 'asc'; }
        state.page = 1; pushUrl(false); loadRows();
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    }
    readUrl(); writeForm();
    setConnection('loading');
    try {
      await reloadAll();
      if (state.item) await openDetail(state.item);
    } catch (e) { connectionLost(e); }
    document.body.dataset.ready = '1';
  }
  init();
})();
