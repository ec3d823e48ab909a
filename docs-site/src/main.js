// Entry point: hash router (#!/overview, #!/node/<id>[/<column>], #!/graph[/<selector>], #!/lineage/<id>/<column>),
// sidebar tree, search box and the lineage graph.
import { el, nodeHref, focusSelector, TYPE_COLORS } from './dom.js';
import { G, byName, indexOf, traceColumn } from './data.js';
import { search } from './search.js';
import { overviewPage, nodePage } from './pages.js';
import { GraphView } from './graph.js';
import { makeSelector } from './select.js';
import { buildTree } from './tree.js';

window.__ngdbtTiming = window.__ngdbtTiming || { start: performance.now() };
const $ = (id) => document.getElementById(id);
const parentsOf = Array.from({ length: G.ids.length }, () => []);
const childrenOf = Array.from({ length: G.ids.length }, () => []);
for (let k = 0; k < G.edges.length; k += 2) { childrenOf[G.edges[k]].push(G.edges[k + 1]); parentsOf[G.edges[k + 1]].push(G.edges[k]); }
const select = makeSelector(G, (v) => parentsOf[v], (v) => childrenOf[v]);

let graph = null;
const ensureGraph = () => {
  if (graph) return graph;
  graph = new GraphView($('graph'), (i) => { location.hash = nodeHref(G.ids[i]); });
  graph.onRefocus = (i) => { location.hash = '#!/graph/' + encodeURIComponent(focusSelector(G.types[i], G.names[i])); };
  graph.onCursor = (i) => { $('graph-live').textContent = `${G.names[i]}, ${G.types[i]}, ${parentsOf[i].length} upstream, ${childrenOf[i].length} downstream`; };
  $('zoom-in').addEventListener('click', () => graph.zoomBy(1.25));
  $('zoom-out').addEventListener('click', () => graph.zoomBy(0.8));
  $('zoom-fit').addEventListener('click', () => graph.fit());
  return graph;
};

function showPage(content) {
  $('graph-view').hidden = true;
  $('page').hidden = false;
  $('page').replaceChildren(content);
  $('main').scrollTop = 0;
}

function showGraph(subset, root, note) {
  $('page').hidden = true;
  $('graph-view').hidden = false;
  const g = ensureGraph();
  g.resize(false);
  g.show(subset, root);
  const count = g.nodes.length;
  $('graph-count').textContent = `${count} node${count === 1 ? '' : 's'}${note ? ' · ' + note : ''}`;
  $('graph-count').dataset.count = String(count);
}

function focus(selectorText) {
  const { nodes, errors } = select(selectorText);
  if (!nodes.size) { showGraph(null, -1, `no node matches "${selectorText}"${errors.length ? ' (' + errors.join('; ') + ')' : ''}`); return; }
  ensureGraph().highlight = new Set(); graph.highlightEdges = new Set();
  const m = /^@?(?:\d*\+)?([^+\s,:]+?)(?:\+\d*)?$/.exec(selectorText.trim());
  const root = m && byName.has(m[1]) ? byName.get(m[1]) : -1;
  showGraph([...nodes], root, `focus ${selectorText}`);
}

async function lineageRoute(id, column) {
  const i = indexOf.get(id);
  if (i === undefined) return showPage(el('p', null, 'Not found: ', id));
  const steps = await traceColumn(i, column);
  const nodes = new Set([i, ...steps.map((s) => s.node)]);
  const g = ensureGraph();
  g.highlight = nodes;
  g.highlightEdges = new Set(steps.map((s) => s.node + '>' + s.from[0]));
  showGraph(nodes, i, `column lineage of ${G.names[i]}.${column}`);
  const panel = $('graph-panel');
  panel.hidden = false;
  panel.replaceChildren(el('h3', null, `${G.names[i]}.${column}`),
    el('button', { class: 'close', onclick: () => { panel.hidden = true; } }, '×'),
    steps.length ? el('ol', { class: 'tracelist' }, steps.map((s) => el('li', { style: `margin-left:${(s.depth - 1) * 10}px` },
      el('a', { href: nodeHref(G.ids[s.node], s.column) }, `${G.names[s.node]}.${s.column}`)))) : el('p', null, 'No upstream columns resolved.'));
}

async function route() {
  const hash = decodeURI(location.hash.replace(/^#!?\/?/, ''));
  const [head, ...rest] = location.hash.replace(/^#!?\/?/, '').split('/');
  $('graph-panel').hidden = true;
  document.querySelectorAll('header nav a').forEach((a) => a.classList.toggle('active', a.getAttribute('href').slice(3) === head));
  if (head === 'node' && rest[0]) showPage(await nodePage(decodeURIComponent(rest[0]), rest[1] ? decodeURIComponent(rest[1]) : null));
  else if (head === 'graph') {
    const sel = rest.length ? decodeURIComponent(rest.join('/')) : '';
    $('selector').value = sel;
    if (sel) focus(sel); else { if (graph) { graph.highlight = new Set(); graph.highlightEdges = new Set(); } showGraph(null, -1); }
  } else if (head === 'lineage' && rest.length >= 2) await lineageRoute(decodeURIComponent(rest[0]), decodeURIComponent(rest[1]));
  else if (hash === '' || head === 'overview') showPage(overviewPage());
  else showPage(el('p', null, 'Unknown page.'));
}

function setupSearch() {
  const input = $('search'), results = $('search-results');
  let active = [], selected = 0;
  const mark = () => {
    results.querySelectorAll('li').forEach((li, k) => { li.classList.toggle('selected', k === selected); li.setAttribute('aria-selected', k === selected ? 'true' : 'false'); });
    const li = results.children[selected];
    if (li) { li.scrollIntoView({ block: 'nearest' }); input.setAttribute('aria-activedescendant', li.id); }
  };
  const render = () => {
    active = search(input.value); selected = 0;
    results.hidden = !input.value.trim();
    results.replaceChildren(...(active.length ? active.map((r, k) => el('li', { id: 'sr-' + k, role: 'option' }, el('a', { href: nodeHref(G.ids[r.node]), tabindex: '-1' },
      el('span', { class: 'dot', style: `background:${TYPE_COLORS[G.types[r.node]] || '#475569'}` }),
      el('b', null, G.names[r.node]), ' ', el('span', { class: 'muted' }, `${G.types[r.node]} · ${r.why} · ${G.paths[r.node]}`))))
      : [el('li', { class: 'muted' }, 'No matches')]));
    if (active.length) mark();
  };
  const close = () => { results.hidden = true; input.removeAttribute('aria-activedescendant'); };
  input.addEventListener('input', render);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!active.length) return;
      e.preventDefault();
      if (results.hidden) { results.hidden = false; } else selected = (selected + (e.key === 'ArrowDown' ? 1 : active.length - 1)) % active.length;
      mark();
    }
    if (e.key === 'Enter' && active.length) { location.hash = nodeHref(G.ids[active[selected].node]); close(); }
    if (e.key === 'Escape') close();
  });
  results.addEventListener('click', close);
  document.addEventListener('pointerdown', (e) => { if (!results.hidden && !$('search-wrap').contains(e.target)) close(); });
  input.addEventListener('focusout', (e) => { if (!e.relatedTarget || !$('search-wrap').contains(e.relatedTarget)) close(); });
  document.addEventListener('keydown', (e) => { if (e.key === '/' && document.activeElement !== input && !/INPUT|TEXTAREA/.test(document.activeElement.tagName)) { e.preventDefault(); input.focus(); } });
  input.disabled = false;
  window.__ngdbtTiming.searchReady = performance.now();
}

function setupToolbar() {
  const apply = () => { location.hash = '#!/graph/' + encodeURIComponent($('selector').value.trim()); };
  $('focus-apply').addEventListener('click', apply);
  $('selector').addEventListener('keydown', (e) => { if (e.key === 'Enter') apply(); });
  $('focus-reset').addEventListener('click', () => { $('selector').value = ''; location.hash = '#!/graph'; });
  $('legend').replaceChildren(...Object.entries(TYPE_COLORS).filter(([t]) => G.types.includes(t) && t !== 'test' && t !== 'macro')
    .map(([t, c]) => el('span', { class: 'legend' }, el('span', { class: 'dot', style: `background:${c}` }), t)));
}

function setupTheme() {
  const apply = (t) => {
    document.documentElement.dataset.theme = t;
    $('theme').setAttribute('aria-pressed', t === 'dark' ? 'true' : 'false');
    $('theme').textContent = t === 'dark' ? 'Light' : 'Dark';
    if (graph) graph.draw();
  };
  let saved = null;
  try { saved = localStorage.getItem('ngdbt-theme'); } catch { /* file:// or private mode */ }
  apply(saved || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
  $('theme').addEventListener('click', () => {
    const t = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    apply(t);
    try { localStorage.setItem('ngdbt-theme', t); } catch { /* ignore */ }
  });
}

$('project-name').textContent = G.project;
setupTheme();
document.title = `${G.project} · ngdbt docs`;
setupSearch();
setupToolbar();
buildTree($('tree'), document.querySelectorAll('#tree-tabs button'));
window.addEventListener('hashchange', route);
window.ngdbtDocs = {
  screenPosition: (id) => graph && graph.screenPosition(indexOf.get(id)),
  visibleCount: () => (graph ? graph.nodes.length : 0),
  graphStats: () => (graph ? graph.stats : null),
  select: (text) => { const r = select(text); return { ids: [...r.nodes].map((i) => G.ids[i]).sort(), errors: r.errors }; },
  search,
};
route().then(() => { window.__ngdbtTiming.routed = performance.now(); document.body.dataset.ready = '1'; });
