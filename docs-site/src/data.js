// Data access: graph.js and search.js are loaded eagerly by index.html; node details and lineage lazily via
// <script> tags (works from file://, unlike fetch).
export const G = window.NGDBT_GRAPH;
export const indexOf = new Map(G.ids.map((id, i) => [id, i]));
export const byName = new Map();
G.names.forEach((n, i) => { if (!byName.has(n) || G.types[i] === 'model') byName.set(n, i); });

const shards = new Map();
const waiting = new Map();
window.__ngdbtShard = (k, rows) => {
  shards.set(k, rows);
  (waiting.get(k) || []).forEach((resolve) => resolve(rows));
  waiting.delete(k);
};

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error('cannot load ' + src));
    document.head.appendChild(s);
  });
}

export function loadNode(i) {
  const k = Math.floor(i / G.shardSize);
  const ready = shards.has(k)
    ? Promise.resolve(shards.get(k))
    : new Promise((resolve, reject) => {
        if (!waiting.has(k)) {
          waiting.set(k, []);
          loadScript('data/nodes/' + k + '.js').catch(reject);
        }
        waiting.get(k).push(resolve);
      });
  return ready.then((rows) => rows[i - k * G.shardSize]);
}

let lineagePromise = null;
export function loadLineage() {
  if (!lineagePromise) lineagePromise = loadScript('data/lineage.js').then(() => window.NGDBT_LINEAGE || {});
  return lineagePromise;
}

// Transitive upstream column lineage (values only): [{node, column, depth, from:[node, column]}], breadth first.
export async function traceColumn(i, column) {
  const lineage = await loadLineage();
  const seen = new Set([i + '|' + column.toLowerCase()]);
  const out = [];
  let frontier = [[i, column, 0]];
  while (frontier.length) {
    const next = [];
    for (const [n, c, d] of frontier) {
      const cols = lineage[n] || {};
      const key = Object.keys(cols).find((k) => k.toLowerCase() === c.toLowerCase());
      for (const [up, upCol, filterOnly] of key ? cols[key] : []) {
        if (filterOnly) continue; // the trace follows values; filters/join keys are listed on the column, not traced
        const id = up + '|' + upCol.toLowerCase();
        if (seen.has(id)) continue;
        seen.add(id);
        out.push({ node: up, column: upCol, depth: d + 1, from: [n, c] });
        next.push([up, upCol, d + 1]);
      }
    }
    frontier = next;
  }
  return out;
}
