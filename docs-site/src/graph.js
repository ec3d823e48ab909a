// Canvas 2D renderer with preset positions: viewport culling, colour-batched paths, labels only when zoomed in.
// Pan/zoom by d3-zoom, hit testing by d3-quadtree.
import { select } from 'd3-selection';
import { zoom, zoomIdentity } from 'd3-zoom';
import { quadtree } from 'd3-quadtree';
import { G } from './data.js';
import { TYPE_COLORS, STATUS_COLORS } from './dom.js';
import { layoutSubset } from './layout.js';

const W = 220, H = 26;

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
      canvas.style.cursor = i >= 0 ? 'pointer' : 'grab';
      canvas.title = i >= 0 ? `${G.names[i]} (${G.types[i]}${G.status[i] ? ', ' + G.status[i] : ''})` : '';
    });
    new ResizeObserver(() => this.resize()).observe(canvas);
    this.resize(false);
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
    this.fit();
  }

  fit() {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const i of this.nodes) { x0 = Math.min(x0, this.px[i]); x1 = Math.max(x1, this.px[i]); y0 = Math.min(y0, this.py[i]); y1 = Math.max(y1, this.py[i]); }
    if (!this.nodes.length) { x0 = y0 = 0; x1 = y1 = 1; }
    const k = Math.min(1.2, 0.92 * Math.min(this.width / (x1 - x0 + W), this.height / (y1 - y0 + H)));
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
    ctx.fillStyle = '#f8fafc';
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(k, 0, 0, k, dpr * (b.x - a.x * k), dpr * (b.y - a.y * k));
    ctx.drawImage(snapshot.canvas, 0, 0);
    this.frames = (this.frames || 0) + 1;
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
    ctx.fillStyle = '#f8fafc';
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    if (!this.nodes) return;
    ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
    const [vx0, vy0] = t.invert([0, 0]);
    const [vx1, vy1] = t.invert([this.width, this.height]);
    const inView = (x, y) => x + W / 2 >= vx0 && x - W / 2 <= vx1 && y + H / 2 >= vy0 && y - H / 2 <= vy1;
    const { px, py } = this;
    const curved = t.k > 0.2;
    ctx.lineWidth = 1 / t.k;
    ctx.strokeStyle = t.k < 0.05 ? 'rgba(100,116,139,0.06)' : 'rgba(100,116,139,0.35)';
    ctx.beginPath();
    const hot = [];
    for (const [p, c] of this.edges) {
      const x0 = px[p] + W / 2, y0 = py[p], x1 = px[c] - W / 2, y1 = py[c];
      if (Math.max(x0, x1) < vx0 || Math.min(x0, x1) > vx1 || Math.max(y0, y1) < vy0 || Math.min(y0, y1) > vy1) continue;
      if (this.highlightEdges.has(p + '>' + c)) { hot.push([x0, y0, x1, y1]); continue; }
      ctx.moveTo(x0, y0);
      if (curved) { const mx = (x0 + x1) / 2; ctx.bezierCurveTo(mx, y0, mx, y1, x1, y1); } else ctx.lineTo(x1, y1);
    }
    ctx.stroke();
    if (hot.length) {
      ctx.strokeStyle = '#e11d48'; ctx.lineWidth = 3 / t.k; ctx.beginPath();
      for (const [x0, y0, x1, y1] of hot) { const mx = (x0 + x1) / 2; ctx.moveTo(x0, y0); ctx.bezierCurveTo(mx, y0, mx, y1, x1, y1); }
      ctx.stroke();
    }
    const visible = this.nodes.filter((i) => inView(px[i], py[i]));
    const byType = new Map(), byStatus = new Map();
    for (const i of visible) {
      (byType.get(G.types[i]) || byType.set(G.types[i], []).get(G.types[i])).push(i);
      if (G.status[i]) (byStatus.get(G.status[i]) || byStatus.set(G.status[i], []).get(G.status[i])).push(i);
    }
    for (const [type, list] of byType) {
      ctx.fillStyle = TYPE_COLORS[type] || '#475569';
      ctx.beginPath();
      for (const i of list) ctx.rect(px[i] - W / 2, py[i] - H / 2, W, H);
      ctx.fill();
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
    if (t.k * 12 >= 6 && visible.length < 4000) {
      ctx.fillStyle = '#fff'; ctx.font = '600 12px system-ui, sans-serif'; ctx.textBaseline = 'middle';
      for (const i of visible) {
        const label = G.names[i].length > 30 ? G.names[i].slice(0, 29) + '…' : G.names[i];
        ctx.fillText(label, px[i] - W / 2 + 8, py[i]);
      }
    }
    this.lastVisible = visible.length;
    this.takeSnapshot();
    this.frames = (this.frames || 0) + 1;
    this.drawn = (this.drawn || 0) + 1;
    if (this.drawn === 1 && !window.__ngdbtTiming.graphDrawn) window.__ngdbtTiming.graphDrawn = performance.now();
  }
}
