// Canvas 2D renderer with preset positions: viewport culling, colour-batched paths, labels only when zoomed in.
// Pan/zoom by d3-zoom, hit testing by d3-quadtree.
import { select } from 'd3-selection';
import { zoom, zoomIdentity } from 'd3-zoom';
import { quadtree } from 'd3-quadtree';
import { G } from './data.js';
import { TYPE_COLORS, STATUS_COLORS } from './dom.js';
import { layoutSubset } from './layout.js';

const W = 220, H = 26;
// Labels are dark ink on a light tint of the type colour (contrast well above 4.5:1); the type colour itself is a
// stripe at the node's left edge. Labels are drawn whenever a node is at least 6 px of text tall.
export const LABEL_INK = '#0f172a';
const tint = (hex, keep) => {
  const n = parseInt(hex.slice(1), 16), mix = (c) => Math.round(255 - (255 - c) * keep);
  return '#' + [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => mix(c).toString(16).padStart(2, '0')).join('');
};
export const NODE_FILL = Object.fromEntries(Object.entries(TYPE_COLORS).map(([t, c]) => [t, tint(c, 0.22)]));
const LABEL_MIN_ZOOM = 0.6; // 12 px font → ≥ 7 px on screen
const EDGE_COLOR = 'rgba(71,85,105,0.55)', HOVER_COLOR = '#1d4ed8';

export class GraphView {
  constructor(canvas, onOpen) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.onOpen = onOpen;
    this.transform = zoomIdentity;
    this.highlight = new Set();
    this.highlightEdges = new Set();
    this.root = -1;
    this.zoom = zoom().scaleExtent([0.005, 4]).on('zoom', (e) => { this.transform = e.transform; this.interact(); });
    select(canvas).call(this.zoom).on('dblclick.zoom', null);
    canvas.addEventListener('click', (e) => {
      const i = this.hit(e.offsetX, e.offsetY);
      if (i >= 0) this.onOpen(i);
    });
    canvas.addEventListener('mousemove', (e) => {
      const i = this.hit(e.offsetX, e.offsetY);
      if (i !== this.hover) { this.hover = i; this.hoverPath = i >= 0 ? this.pathOf(i) : null; this.schedule(); }
      canvas.style.cursor = i >= 0 ? 'pointer' : 'grab';
      canvas.title = i >= 0 ? `${G.names[i]} (${G.types[i]}${G.status[i] ? ', ' + G.status[i] : ''})` : '';
    });
    // Context action: right-click a node to refocus the graph on everything upstream and downstream of it.
    canvas.addEventListener('contextmenu', (e) => {
      const i = this.hit(e.offsetX, e.offsetY);
      if (i >= 0) { e.preventDefault(); this.onRefocus?.(i); }
    });
    // Keyboard: Tab onto the canvas, arrows move between nodes, Enter opens, F refocuses, + / − zoom, 0 fits.
    canvas.tabIndex = 0;
    canvas.setAttribute('role', 'application');
    canvas.setAttribute('aria-label', 'Lineage graph. Arrow keys move between nodes, Enter opens, F focuses on the node, plus and minus zoom, 0 fits.');
    canvas.addEventListener('keydown', (e) => this.key(e));
    canvas.addEventListener('mouseleave', () => { if (this.hover >= 0) { this.hover = -1; this.hoverPath = null; this.schedule(); } });
    this.mini = document.getElementById('minimap');
    if (this.mini) {
      const jump = (e) => {
        if (!this.miniMap) return;
        const r = this.mini.getBoundingClientRect(), m = this.miniMap;
        select(this.canvas).call(this.zoom.translateTo, m.x0 + (e.clientX - r.left - m.ox) / m.s, m.y0 + (e.clientY - r.top - m.oy) / m.s);
      };
      this.mini.addEventListener('pointerdown', (e) => { this.miniDrag = true; this.mini.setPointerCapture(e.pointerId); jump(e); });
      this.mini.addEventListener('pointermove', (e) => { if (this.miniDrag) jump(e); });
      this.mini.addEventListener('pointerup', () => { this.miniDrag = false; });
    }
    new ResizeObserver(() => this.resize()).observe(canvas);
    this.resize(false);
  }

  /** Mini-map: every node as a dot, drawn once per view into a cached canvas; each frame adds the viewport box. */
  buildMini() {
    if (!this.mini) return;
    const MW = 200, MH = 130, dpr = this.dpr || 1;
    this.mini.width = MW * dpr; this.mini.height = MH * dpr;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const i of this.nodes) { x0 = Math.min(x0, this.px[i] - W / 2); x1 = Math.max(x1, this.px[i] + W / 2); y0 = Math.min(y0, this.py[i] - H / 2); y1 = Math.max(y1, this.py[i] + H / 2); }
    if (!this.nodes.length) { x0 = y0 = 0; x1 = y1 = 1; }
    const s = Math.min((MW - 8) / (x1 - x0), (MH - 8) / (y1 - y0));
    const ox = (MW - (x1 - x0) * s) / 2, oy = (MH - (y1 - y0) * s) / 2;
    this.miniMap = { x0, y0, s, ox, oy };
    const cache = this.miniCache || (this.miniCache = document.createElement('canvas'));
    cache.width = this.mini.width; cache.height = this.mini.height;
    const c = cache.getContext('2d');
    c.setTransform(dpr, 0, 0, dpr, 0, 0);
    const byType = new Map();
    for (const i of this.nodes) (byType.get(G.types[i]) || byType.set(G.types[i], []).get(G.types[i])).push(i);
    const w = Math.max(1.5, W * s), h = Math.max(1.5, H * s);
    for (const [type, list] of byType) {
      c.fillStyle = TYPE_COLORS[type] || '#475569';
      c.beginPath();
      for (const i of list) c.rect(ox + (this.px[i] - W / 2 - x0) * s, oy + (this.py[i] - H / 2 - y0) * s, w, h);
      c.fill();
    }
  }

  drawMini() {
    if (!this.mini || !this.miniMap) return;
    const c = this.mini.getContext('2d'), dpr = this.dpr || 1, m = this.miniMap, t = this.transform;
    c.setTransform(1, 0, 0, 1, 0, 0);
    c.clearRect(0, 0, this.mini.width, this.mini.height);
    c.drawImage(this.miniCache, 0, 0);
    c.setTransform(dpr, 0, 0, dpr, 0, 0);
    const [vx0, vy0] = t.invert([0, 0]), [vx1, vy1] = t.invert([this.width, this.height]);
    const box = [m.ox + (vx0 - m.x0) * m.s, m.oy + (vy0 - m.y0) * m.s, (vx1 - vx0) * m.s, (vy1 - vy0) * m.s];
    c.strokeStyle = '#e11d48'; c.lineWidth = 2; c.strokeRect(...box);
    this.miniBox = box;
  }

  zoomBy(factor) { select(this.canvas).call(this.zoom.scaleBy, factor); }

  key(e) {
    if (!this.nodes || !this.nodes.length) return;
    const dirs = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };
    if (e.key in dirs) {
      e.preventDefault();
      const [dx, dy] = dirs[e.key];
      if (this.cursor === undefined || this.cursor < 0 || !this.nodes.includes(this.cursor)) this.cursor = this.root >= 0 ? this.root : this.nodes[0];
      else {
        const cx = this.px[this.cursor], cy = this.py[this.cursor];
        let best = -1, bestScore = Infinity;
        for (const i of this.nodes) {
          const ax = this.px[i] - cx, ay = this.py[i] - cy;
          const along = ax * dx + ay * dy, across = Math.abs(ax * dy - ay * dx);
          if (along <= 0.5) continue;
          const score = along + 3 * across;
          if (score < bestScore) { bestScore = score; best = i; }
        }
        if (best >= 0) this.cursor = best;
      }
      this.hover = this.cursor; this.hoverPath = this.pathOf(this.cursor);
      const p = this.screenPosition(this.cursor);
      if (!p.visible) select(this.canvas).call(this.zoom.translateTo, this.px[this.cursor], this.py[this.cursor]);
      this.onCursor?.(this.cursor);
      this.schedule();
    } else if (e.key === 'Enter' && this.cursor >= 0) this.onOpen(this.cursor);
    else if ((e.key === 'f' || e.key === 'F') && this.cursor >= 0) this.onRefocus?.(this.cursor);
    else if (e.key === '+' || e.key === '=') this.zoomBy(1.25);
    else if (e.key === '-') this.zoomBy(0.8);
    else if (e.key === '0') this.fit();
  }

  /** Edges on every path through node i (all its ancestors' and descendants' edges within the current view). */
  pathOf(i) {
    const up = new Map(), down = new Map();
    for (const [p, c] of this.edges) { (up.get(c) || up.set(c, []).get(c)).push(p); (down.get(p) || down.set(p, []).get(p)).push(c); }
    const edges = new Set(), nodes = new Set([i]);
    const walk = (start, next, key) => {
      const stack = [start], seen = new Set([start]);
      while (stack.length) {
        const v = stack.pop();
        for (const w of next.get(v) || []) { edges.add(key(v, w)); nodes.add(w); if (!seen.has(w)) { seen.add(w); stack.push(w); } }
      }
    };
    walk(i, up, (v, w) => w + '>' + v);
    walk(i, down, (v, w) => v + '>' + w);
    return { edges, nodes };
  }

  resize(redraw = true) {
    const dpr = window.devicePixelRatio || 1;
    const r = this.canvas.getBoundingClientRect();
    this.width = Math.max(1, r.width); this.height = Math.max(1, r.height);
    this.canvas.width = Math.round(this.width * dpr); this.canvas.height = Math.round(this.height * dpr);
    this.dpr = dpr;
    if (redraw) this.draw();
  }

  /** Show all graph nodes (subset = null) or a subset, re-laid out when it is small. */
  show(subset, root = -1) {
    this.root = root;
    const all = subset === null;
    const nodes = [];
    if (all) { for (let i = 0; i < G.ids.length; i++) if (G.x[i] !== null) nodes.push(i); }
    else for (const i of subset) if (G.x[i] !== null) nodes.push(i);
    const inSet = new Uint8Array(G.ids.length);
    nodes.forEach((i) => { inSet[i] = 1; });
    const edges = [];
    for (let k = 0; k < G.edges.length; k += 2) if (inSet[G.edges[k]] && inSet[G.edges[k + 1]]) edges.push([G.edges[k], G.edges[k + 1]]);
    this.nodes = nodes; this.edges = edges;
    this.px = new Float32Array(G.ids.length); this.py = new Float32Array(G.ids.length);
    if (!all && nodes.length <= 3000) {
      const { xs, ys } = layoutSubset(nodes, edges);
      nodes.forEach((i) => { this.px[i] = xs.get(i); this.py[i] = ys.get(i); });
    } else nodes.forEach((i) => { this.px[i] = G.x[i]; this.py[i] = G.y[i]; });
    this.tree = quadtree().x((i) => this.px[i]).y((i) => this.py[i]).addAll(nodes);
    this.buildMini();
    this.fit();
  }

  fit() {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const i of this.nodes) { x0 = Math.min(x0, this.px[i]); x1 = Math.max(x1, this.px[i]); y0 = Math.min(y0, this.py[i]); y1 = Math.max(y1, this.py[i]); }
    if (!this.nodes.length) { x0 = y0 = 0; x1 = y1 = 1; }
    let k = Math.min(1.2, 0.92 * Math.min(this.width / (x1 - x0 + W), this.height / (y1 - y0 + H)));
    // Up to ~50 nodes the default view must be readable: never below label zoom (pan for the rest).
    if (this.nodes.length <= 50) k = Math.max(k, Math.min(1, LABEL_MIN_ZOOM + 0.15));
    const t = zoomIdentity.translate(this.width / 2, this.height / 2).scale(k).translate(-(x0 + x1) / 2, -(y0 + y1) / 2);
    select(this.canvas).call(this.zoom.transform, t);
    this.draw();
  }

  hit(sx, sy) {
    if (!this.tree) return -1;
    const [x, y] = this.transform.invert([sx, sy]);
    const found = this.tree.find(x, y, W);
    return found !== undefined && Math.abs(this.px[found] - x) <= W / 2 && Math.abs(this.py[found] - y) <= H / 2 ? found : -1;
  }

  screenPosition(i) {
    const [x, y] = this.transform.apply([this.px[i], this.py[i]]);
    const r = this.canvas.getBoundingClientRect();
    return { x: r.left + x, y: r.top + y, visible: x >= 0 && y >= 0 && x <= this.width && y <= this.height };
  }

  // Large views: while panning/zooming, blit a snapshot of the last full frame (one drawImage), then redraw
  // crisply 120 ms after the gesture stops. Keeps frames cheap at 10k nodes on software rendering.
  interact() {
    if (!this.snapshot || this.lastVisible < 1500) { this.schedule(); return; }
    if (!this.pending) this.pending = requestAnimationFrame(() => { this.pending = 0; this.blit(); });
    clearTimeout(this.settle);
    this.settle = setTimeout(() => this.draw(), 120);
  }

  blit() {
    const { ctx, dpr, snapshot } = this;
    const a = snapshot.transform, b = this.transform;
    const k = b.k / a.k;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = this.bg || '#f8fafc';
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(k, 0, 0, k, dpr * (b.x - a.x * k), dpr * (b.y - a.y * k));
    ctx.drawImage(snapshot.canvas, 0, 0);
    this.frames = (this.frames || 0) + 1;
    this.drawMini();
  }

  takeSnapshot() {
    if (this.lastVisible < 1500) { this.snapshot = null; return; }
    const copy = this.snapshot?.canvas.width === this.canvas.width && this.snapshot?.canvas.height === this.canvas.height
      ? this.snapshot.canvas : Object.assign(document.createElement('canvas'), { width: this.canvas.width, height: this.canvas.height });
    const c = copy.getContext('2d');
    c.clearRect(0, 0, copy.width, copy.height);
    c.drawImage(this.canvas, 0, 0);
    this.snapshot = { canvas: copy, transform: this.transform };
  }

  schedule() {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => { this.pending = 0; this.draw(); });
  }

  draw() {
    const { ctx, transform: t, dpr } = this;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    const bg = getComputedStyle(document.documentElement).getPropertyValue('--graph-bg').trim() || '#f8fafc';
    this.bg = bg;
    ctx.fillStyle = bg;
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    if (!this.nodes) return;
    ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
    const [vx0, vy0] = t.invert([0, 0]);
    const [vx1, vy1] = t.invert([this.width, this.height]);
    const inView = (x, y) => x + W / 2 >= vx0 && x - W / 2 <= vx1 && y + H / 2 >= vy0 && y - H / 2 <= vy1;
    const { px, py } = this;
    const curved = t.k > 0.2;
    const A = 9; // arrowhead length in graph units
    const arrows = t.k * A >= 3;
    const hoverEdges = this.hoverPath ? this.hoverPath.edges : null;
    ctx.lineWidth = Math.max(1, 1.25 / t.k);
    const dark = document.documentElement.dataset.theme === 'dark';
    ctx.strokeStyle = t.k < 0.05 ? 'rgba(100,116,139,0.06)' : (hoverEdges ? 'rgba(100,116,139,0.18)' : (dark ? 'rgba(148,163,184,0.7)' : EDGE_COLOR));
    ctx.fillStyle = ctx.strokeStyle;
    ctx.beginPath();
    const hot = [], lit = [], heads = [];
    let inViewEdges = 0;
    for (const [p, c] of this.edges) {
      const x0 = px[p] + W / 2, y0 = py[p], x1 = px[c] - W / 2 - (arrows ? A : 0), y1 = py[c];
      if (Math.max(x0, x1) < vx0 || Math.min(x0, x1) > vx1 || Math.max(y0, y1) < vy0 || Math.min(y0, y1) > vy1) continue;
      const key = p + '>' + c;
      inViewEdges++;
      if (this.highlightEdges.has(key)) { hot.push([x0, y0, x1, y1]); continue; }
      if (hoverEdges && hoverEdges.has(key)) { lit.push([x0, y0, x1, y1]); continue; }
      ctx.moveTo(x0, y0);
      if (curved) { const mx = (x0 + x1) / 2; ctx.bezierCurveTo(mx, y0, mx, y1, x1, y1); } else ctx.lineTo(x1, y1);
      if (arrows) heads.push([x1, y1]);
    }
    ctx.stroke();
    const arrowheads = (list) => {
      ctx.beginPath();
      for (const [x, y] of list) { ctx.moveTo(x + A, y); ctx.lineTo(x, y - A / 2); ctx.lineTo(x, y + A / 2); ctx.closePath(); }
      ctx.fill();
    };
    if (arrows) arrowheads(heads);
    let headCount = heads.length;
    for (const [list, color, width] of [[lit, HOVER_COLOR, 2.5], [hot, '#e11d48', 3]]) {
      if (!list.length) continue;
      ctx.strokeStyle = color; ctx.fillStyle = color; ctx.lineWidth = Math.max(2, width / t.k); ctx.beginPath();
      for (const [x0, y0, x1, y1] of list) { const mx = (x0 + x1) / 2; ctx.moveTo(x0, y0); ctx.bezierCurveTo(mx, y0, mx, y1, x1, y1); }
      ctx.stroke();
      if (arrows) { arrowheads(list.map(([, , x1, y1]) => [x1, y1])); headCount += list.length; }
    }
    const visible = this.nodes.filter((i) => inView(px[i], py[i]));
    const byType = new Map(), byStatus = new Map();
    for (const i of visible) {
      (byType.get(G.types[i]) || byType.set(G.types[i], []).get(G.types[i])).push(i);
      if (G.status[i]) (byStatus.get(G.status[i]) || byStatus.set(G.status[i], []).get(G.status[i])).push(i);
    }
    const labels = t.k >= LABEL_MIN_ZOOM && visible.length < 4000;
    for (const [type, list] of byType) {
      ctx.fillStyle = labels ? (NODE_FILL[type] || '#e2e8f0') : (TYPE_COLORS[type] || '#475569');
      ctx.beginPath();
      for (const i of list) ctx.rect(px[i] - W / 2, py[i] - H / 2, W, H);
      ctx.fill();
      if (labels) {
        ctx.fillStyle = TYPE_COLORS[type] || '#475569';
        ctx.beginPath();
        for (const i of list) ctx.rect(px[i] - W / 2, py[i] - H / 2, 6, H);
        ctx.fill();
      }
    }
    ctx.lineWidth = Math.max(2, 2.5 / t.k);
    if (t.k * H < 6) byStatus.clear(); // status borders only once nodes are a few pixels tall
    for (const [status, list] of byStatus) {
      ctx.strokeStyle = STATUS_COLORS[status] || '#94a3b8';
      ctx.beginPath();
      for (const i of list) ctx.rect(px[i] - W / 2, py[i] - H / 2, W, H);
      ctx.stroke();
    }
    if (this.highlight.size || this.root >= 0) {
      ctx.strokeStyle = '#facc15'; ctx.lineWidth = Math.max(4, 4 / t.k); ctx.beginPath();
      for (const i of visible) if (this.highlight.has(i) || i === this.root) ctx.rect(px[i] - W / 2 - 3, py[i] - H / 2 - 3, W + 6, H + 6);
      ctx.stroke();
    }
    if (this.cursor >= 0 && this.nodes.includes(this.cursor) && document.activeElement === this.canvas) {
      ctx.strokeStyle = '#b45309'; ctx.lineWidth = Math.max(3, 3 / t.k); ctx.beginPath();
      ctx.rect(px[this.cursor] - W / 2 - 5, py[this.cursor] - H / 2 - 5, W + 10, H + 10); ctx.stroke();
    }
    if (this.hoverPath) {
      ctx.strokeStyle = HOVER_COLOR; ctx.lineWidth = Math.max(2, 2 / t.k); ctx.beginPath();
      for (const i of visible) if (this.hoverPath.nodes.has(i)) ctx.rect(px[i] - W / 2, py[i] - H / 2, W, H);
      ctx.stroke();
    }
    let labelCount = 0;
    if (labels) {
      ctx.fillStyle = LABEL_INK; ctx.font = '600 12px system-ui, sans-serif'; ctx.textBaseline = 'middle';
      for (const i of visible) {
        const label = G.names[i].length > 29 ? G.names[i].slice(0, 28) + '…' : G.names[i];
        ctx.fillText(label, px[i] - W / 2 + 12, py[i]);
        labelCount++;
      }
    }
    this.stats = { zoom: t.k, visible: visible.length, labels: labelCount, arrowheads: headCount, edgesInView: inViewEdges,
      hoverEdges: hoverEdges ? hoverEdges.size : 0, cursor: this.cursor >= 0 ? G.ids[this.cursor] : null, ink: LABEL_INK, fills: [...byType.keys()].map((type) => NODE_FILL[type] || '#e2e8f0'), background: this.bg };
    this.lastVisible = visible.length;
    this.takeSnapshot();
    this.drawMini();
    this.stats.minimap = this.miniBox ? this.miniBox.map((v) => Math.round(v)) : null;
    this.frames = (this.frames || 0) + 1;
    this.drawn = (this.drawn || 0) + 1;
    if (this.drawn === 1 && !window.__ngdbtTiming.graphDrawn) window.__ngdbtTiming.graphDrawn = performance.now();
  }
}
