'use strict';
// Dashboard bar charts on the vendored Apache ECharts build (echarts.min.js: bar series, grid, tooltip, SVG renderer).
// MONEY NEVER BECOMES A FLOAT FOR DISPLAY. Every axis tick, value label and tooltip is a string the caller formatted
// from the API's decimal string with BigInt (ngDashboard.money). ECharts needs numbers for geometry, so each bar also
// gets a length derived from the BigInt ratio to the longest bar, in millionths — used only to draw, never shown or summed.
(() => {
  const SCALE = 1000000n, TOP = 1000000, HALF = TOP / 2;
  const abs = (u) => (u < 0n ? -u : u);
  const length = (u, max) => (max === 0n ? 0 : Number((abs(u) * SCALE) / max)); // geometry only
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
  const cssVar = (n, fallback) => getComputedStyle(document.documentElement).getPropertyValue(n).trim() || fallback;
  const charts = new Map();
  const timings = [];

  // One chart per host: an ECharts root plus a row of transparent buttons laid over the bars. The buttons carry the
  // exact value (data-value) and make every bar reachable with Tab; Enter/Space filters, focus shows the tooltip.
  function setup(host) {
    const root = document.createElement('div'), keys = document.createElement('div');
    root.className = 'echart'; keys.className = 'bar-keys';
    host.replaceChildren(root, keys);
    host.classList.add('ng-chart'); // position: relative, so the bar buttons sit on the bars
    const chart = echarts.init(root, null, { renderer: 'svg' });
    const c = { chart, root, keys, spec: null };
    // A click anywhere in a bar's band picks it (day bars can be 2 px wide).
    chart.getZr().on('click', (e) => {
      const p = [e.offsetX, e.offsetY];
      if (!c.spec || !chart.containPixel('grid', p)) return;
      const v = chart.convertFromPixel({ gridIndex: 0 }, p);
      const i = Math.round(c.spec.horizontal ? v[1] : v[0]);
      if (i >= 0 && i < c.spec.bars.length) pick(c, i);
    });
    new ResizeObserver(() => { chart.resize(); place(c); }).observe(root);
    charts.set(host, c);
    return c;
  }
  function pick(c, i) {
    for (const b of c.keys.children) b.classList.toggle('selected', Number(b.dataset.index) === i);
    c.spec.onPick(c.spec.bars[i]);
  }
  function tooltip(b) {
    return '<div class="tip-title">' + esc(b.label) + '</div><div class="tip-money" data-value="' + esc(b.value) + '">' + esc(b.money) + '</div>' +
      (b.note ? '<div class="tip-note">' + esc(b.note) + '</div>' : '');
  }
  function option(spec, max) {
    const ink = cssVar('--ink', '#111'), muted = cssVar('--muted', '#555'), line = cssVar('--line', '#ddd');
    const value = { type: 'value', min: 0, max: TOP, interval: HALF, splitLine: { lineStyle: { color: line } },
      axisLabel: { color: muted, fontSize: 10.5, formatter: (v) => spec.ticks[Math.round(v / HALF)] ?? '' } };
    const category = { type: 'category', data: spec.bars.map((b) => (spec.horizontal ? b.label : b.tick)), inverse: !!spec.horizontal,
      axisLine: { lineStyle: { color: muted } }, axisTick: { show: false },
      // the first tick starts at its bar instead of spilling left under the value axis's $0.00
      axisLabel: { color: ink, fontSize: 11, interval: spec.horizontal ? 0 : (i, v) => v !== '', alignMinLabel: spec.horizontal ? undefined : 'left' } };
    return {
      animation: false, textStyle: { fontFamily: 'system-ui, sans-serif' },
      grid: spec.horizontal ? { left: 16, right: 200, top: 4, bottom: 4, containLabel: true } : { left: 8, right: 16, top: spec.values ? 22 : 10, bottom: 4, containLabel: true },
      xAxis: spec.horizontal ? value : category, yAxis: spec.horizontal ? category : value,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, className: 'ng-tip', confine: true, formatter: (ps) => tooltip(spec.bars[ps[0].dataIndex]) },
      series: [{ type: 'bar', barMaxWidth: 40, barMinHeight: 1, itemStyle: { color: cssVar('--accent', '#2563eb') },
        emphasis: { itemStyle: { color: cssVar('--accent-strong', '#1e40af') } },
        data: spec.bars.map((b) => length(b.units, max)),
        label: { show: !!spec.values, position: spec.horizontal ? 'right' : 'top', color: ink, fontSize: spec.horizontal ? 11 : 9.5,
          formatter: (p) => (spec.horizontal ? spec.bars[p.dataIndex].text : spec.bars[p.dataIndex].money) } }],
      labelLayout: { hideOverlap: true },
    };
  }
  function place(c) {
    if (!c.spec) return;
    const data = c.chart.getModel().getSeriesByIndex(0).getData();
    const buttons = c.spec.bars.map((b, i) => {
      const r = data.getItemLayout(i) || { x: 0, y: 0, width: 0, height: 0 };
      const k = document.createElement('button');
      k.type = 'button'; k.className = 'bar'; k.tabIndex = 0;
      k.dataset.key = b.key; k.dataset.value = b.value; k.dataset.index = String(i);
      k.setAttribute('aria-label', b.label + ': ' + b.money + ' — show these records');
      k.style.left = Math.min(r.x, r.x + r.width) + 'px'; k.style.top = Math.min(r.y, r.y + r.height) + 'px';
      k.style.width = Math.max(2, Math.abs(r.width)) + 'px'; k.style.height = Math.max(2, Math.abs(r.height)) + 'px';
      k.addEventListener('click', () => pick(c, i));
      k.addEventListener('focus', () => c.chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: i }));
      k.addEventListener('blur', () => c.chart.dispatchAction({ type: 'hideTip' }));
      return k;
    });
    c.keys.replaceChildren(...buttons);
  }
  /** spec: { bars: [{ key, value, units, label, money, text, note, tick }], ticks: [3 strings], horizontal, values, height, onPick } */
  function draw(host, spec) {
    const t0 = performance.now();
    const c = charts.get(host) || setup(host);
    const max = spec.bars.reduce((m, b) => (abs(b.units) > m ? abs(b.units) : m), 0n);
    c.spec = spec;
    c.root.style.height = spec.height + 'px';
    c.chart.resize();
    c.chart.setOption(option(spec, max), { notMerge: true });
    place(c);
    c.root.setAttribute('role', 'img');
    c.root.setAttribute('aria-label', spec.name + '; the highest is ' + spec.ticks[2]);
    timings.push({ chart: host.id, ms: performance.now() - t0 });
  }
  window.ngCharts = { draw, timings };
})();
