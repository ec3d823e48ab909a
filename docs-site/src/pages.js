// Node pages, overview and column lineage panels. All text goes through el() (escaped).
import hljs from 'highlight.js/lib/core';
import sqlLang from 'highlight.js/lib/languages/sql';
import { el, trustedHtml, nodeHref, focusSelector, TYPE_COLORS, STATUS_COLORS } from './dom.js';
import { G, indexOf, loadNode, traceColumn } from './data.js';

hljs.registerLanguage('sql', sqlLang);

const link = (i, column) => el('a', { href: nodeHref(G.ids[i], column), class: 'nodelink' },
  el('span', { class: 'dot', style: `background:${TYPE_COLORS[G.types[i]] || '#475569'}` }), G.names[i] + (column ? '.' + column : ''));
const badge = (text, color) => el('span', { class: 'badge', style: color ? `background:${color}` : null }, text);
const statusBadge = (s) => (s ? badge(s, STATUS_COLORS[s] || '#64748b') : null);

export function overviewPage() {
  const counts = {}, statuses = {};
  G.types.forEach((t, i) => { counts[t] = (counts[t] || 0) + 1; if (G.status[i]) statuses[G.status[i]] = (statuses[G.status[i]] || 0) + 1; });
  const failed = G.status.map((s, i) => [s, i]).filter(([s]) => s === 'error' || s === 'fail').slice(0, 50);
  return el('div', { class: 'page' },
    el('h1', null, G.project),
    el('p', { class: 'muted' }, `Docs generated ${G.generatedAt} · manifest ${G.manifestGeneratedAt || '—'} · ${G.generator || ''}`),
    el('div', { class: 'cards' }, Object.entries(counts).map(([t, n]) => el('div', { class: 'card' }, el('b', null, String(n)), ' ', t + 's'))),
    Object.keys(statuses).length ? el('section', null, el('h2', null, 'Last run', G.runGeneratedAt ? ` (${G.runGeneratedAt})` : ''),
      el('div', { class: 'cards' }, Object.entries(statuses).map(([s, n]) => el('div', { class: 'card' }, statusBadge(s), ' ', String(n))))) : null,
    failed.length ? el('section', null, el('h2', null, 'Failures'), el('ul', null, failed.map(([, i]) => el('li', null, link(i))))) : null,
    el('p', null, 'Browse the project tree on the left, search with ', el('kbd', null, '/'), ', or open the ', el('a', { href: '#!/graph' }, 'lineage graph'), '.'));
}

function codeBlock(code) {
  const pre = el('pre', { class: 'code' });
  if (code.length < 200000) pre.appendChild(trustedHtml('code', 'hljs language-sql', hljs.highlight(code, { language: 'sql', ignoreIllegals: true }).value));
  else pre.appendChild(el('code', null, code));
  return pre;
}

function columnsTable(i, d, focusColumn) {
  const lineage = d.lineage || null;
  const findLineage = (name) => {
    if (!lineage) return null;
    const key = Object.keys(lineage).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? null : lineage[key];
  };
  const rows = d.columns.map((c) => {
    const ups = findLineage(c.name);
    // [node, column] = the value comes from it; [node, column, 1] = it only filters or joins the rows.
    const values = ups === null ? null : ups.filter((p) => p.length < 3);
    const by = (ups || []).filter((p) => p[2] === 1);
    const trace = el('div', { class: 'trace' });
    const row = el('tr', { class: focusColumn && focusColumn.toLowerCase() === c.name.toLowerCase() ? 'focus' : null, dataset: { column: c.name } },
      el('td', { class: 'colname' }, c.name),
      el('td', { class: 'mono' }, c.type || ''),
      el('td', null, c.desc ? trustedHtml('div', 'md', c.desc) : null),
      el('td', null, (c.tests || []).map((t) => el('a', { href: nodeHref(G.ids[t.i]), class: 'test' }, t.name, t.status ? ` (${t.status})` : ''))),
      el('td', { class: 'lineage' },
        values === null ? el('span', { class: 'muted' }, lineage ? 'unresolved' : '') : values.length === 0 ? el('span', { class: 'muted' }, 'none (constant or unresolved)') : null,
        values && values.length ? el('div', { class: 'lineage-values', 'aria-label': 'Value comes from' },
          el('div', { class: 'lineage-kind' }, 'value comes from'), values.map(([u, col]) => el('div', { class: 'upstream' }, '← ', link(u, col)))) : null,
        by.length ? el('div', { class: 'lineage-filters', 'aria-label': 'Filtered or joined by' },
          el('div', { class: 'lineage-kind' }, 'filtered / joined by'), by.map(([u, col]) => el('div', { class: 'upstream by' }, '⋈ ', link(u, col)))) : null,
        values && values.length ? el('div', { class: 'actions' },
          el('button', { class: 'link', onclick: () => showTrace(i, c.name, trace) }, 'trace to sources'),
          el('a', { href: '#!/lineage/' + encodeURIComponent(G.ids[i]) + '/' + encodeURIComponent(c.name) }, 'show in graph')) : null,
        trace));
    return row;
  });
  return el('table', { class: 'columns' },
    el('thead', null, el('tr', null, ['Column', 'Type', 'Description', 'Tests', 'Upstream columns'].map((h) => el('th', null, h)))),
    el('tbody', null, rows));
}

async function showTrace(i, column, target) {
  const steps = await traceColumn(i, column);
  target.replaceChildren(el('ol', { class: 'tracelist' }, steps.map((s) =>
    el('li', { style: `margin-left:${(s.depth - 1) * 12}px` }, link(s.node, s.column), el('span', { class: 'muted' }, ` → ${G.names[s.from[0]]}.${s.from[1]}`)))));
}

// Small lineage panel on every page: direct parents → this node → direct children, as links with arrows.
function lineagePanel(i, parents, children) {
  const box = (u, self) => el('a', { class: 'lp-node' + (self ? ' self' : ''), href: nodeHref(G.ids[u]), style: `border-left-color:${TYPE_COLORS[G.types[u]] || '#475569'}`, title: `${G.names[u]} (${G.types[u]})` }, G.names[u]);
  const column = (title, ids) => el('div', { class: 'lp-col' }, el('div', { class: 'lp-title' }, title),
    ids.length ? ids.slice(0, 12).map((u) => box(u, false)) : el('span', { class: 'muted' }, 'none'),
    ids.length > 12 ? el('span', { class: 'muted' }, `+${ids.length - 12} more`) : null);
  return el('section', { class: 'lineage-panel', 'aria-label': 'Lineage' },
    column(`Upstream (${parents.length})`, parents), el('div', { class: 'lp-arrow', 'aria-hidden': 'true' }, '→'),
    el('div', { class: 'lp-col' }, el('div', { class: 'lp-title' }, 'This'), box(i, true)),
    el('div', { class: 'lp-arrow', 'aria-hidden': 'true' }, '→'), column(`Downstream (${children.length})`, children));
}

// An exposure's url: a link only when it is http(s) (never javascript: or data:), always shown as escaped text.
function urlValue(url) {
  return /^https?:\/\//i.test(url) ? el('a', { href: url, class: 'exposure-url', rel: 'noopener noreferrer', target: '_blank' }, url) : el('span', { class: 'exposure-url' }, url);
}

export async function nodePage(id, focusColumn) {
  const i = indexOf.get(id);
  if (i === undefined) return el('div', { class: 'page' }, el('h1', null, 'Not found'), el('p', null, id));
  const d = await loadNode(i);
  const type = G.types[i];
  const details = [
    ['Type', type], ['Unique id', G.ids[i]], ['Relation', d.relation], ['Path', G.paths[i]], ['Schema', G.schemas[i]],
    ['Materialized', G.materialized[i]], ['Package', d.package], ['Tags', (d.tags || []).join(', ')],
    d.sourceName ? ['Source', d.sourceName] : null, d.testName ? ['Test', `${d.testName}${d.testColumn ? ' on ' + d.testColumn : ''}`] : null,
    d.label ? ['Label', d.label] : null, d.exposureType ? ['Exposure type', d.exposureType] : null,
    d.ownerName || d.ownerEmail ? ['Owner', [d.ownerName, d.ownerEmail ? `<${d.ownerEmail}>` : null].filter(Boolean).join(' ')] : null,
    d.maturity ? ['Maturity', d.maturity] : null, d.url ? ['URL', urlValue(d.url)] : null,
    d.stats && d.stats.rows !== undefined ? ['Rows', String(d.stats.rows)] : null,
    d.stats && d.stats.bytes !== undefined ? ['Bytes', String(d.stats.bytes)] : null,
  ].filter((x) => x && x[1]);
  const run = d.run ? el('section', null, el('h2', null, 'Last run'),
    el('p', null, statusBadge(d.run.status), ` ${d.run.time}s`, d.run.rows !== undefined ? ` · ${d.run.rows} rows` : ''),
    d.run.message ? el('pre', { class: 'message' }, d.run.message) : null) : null;
  const list = (title, ids) => el('section', null, el('h2', null, title, ` (${ids.length})`),
    ids.length ? el('ul', { class: 'links' }, ids.map((u) => el('li', null, link(u), ' ', el('span', { class: 'muted' }, G.types[u])))) : el('p', { class: 'muted' }, 'none'));
  const code = [];
  if (d.raw) code.push(el('section', null, el('h2', null, type === 'macro' ? 'Macro SQL' : 'Source code'), codeBlock(d.raw)));
  if (d.compiled) code.push(el('section', null, el('h2', null, 'Compiled SQL'), codeBlock(d.compiled)));
  const inGraph = G.x[i] !== null;
  return el('div', { class: 'page', dataset: { node: id } },
    el('h1', null, el('span', { class: 'badge', style: `background:${TYPE_COLORS[type] || '#475569'}` }, type), ' ', el('span', { id: 'node-title' }, G.names[i]), ' ', statusBadge(G.status[i])),
    inGraph ? el('p', null, el('a', { href: '#!/graph/' + encodeURIComponent(focusSelector(type, G.names[i])) }, 'Focus in lineage graph')) : null,
    lineagePanel(i, d.parents, d.children),
    el('section', null, el('h2', null, 'Description'), d.desc ? trustedHtml('div', 'md', d.desc) : el('p', { class: 'muted' }, 'No description.')),
    el('section', null, el('h2', null, 'Details'), el('dl', { class: 'details' }, details.map(([k, v]) => [el('dt', null, k), el('dd', null, v)]))),
    run,
    d.columns.length ? el('section', null, el('h2', null, 'Columns'), columnsTable(i, d, focusColumn),
      (d.lineageNotes || []).length ? el('details', { class: 'muted' }, el('summary', null, 'Lineage notes'), el('ul', null, d.lineageNotes.map((n) => el('li', null, n)))) : null) : null,
    list('Depends on', d.parents), list('Referenced by', d.children),
    el('section', null, el('h2', null, 'Config'), el('pre', { class: 'code' }, JSON.stringify(d.config, null, 2))),
    code);
}
