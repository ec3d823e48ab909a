// Why the layout is precomputed in C#: times @dagrejs/dagre (the usual browser choice) on the same graph in node.
import { readFileSync } from 'node:fs';
import dagre from '@dagrejs/dagre';

const [manifestPath = 'bench/out/docs/target/manifest.json', limitArg = '10000'] = process.argv.slice(2);
const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
const ids = [...Object.keys(m.sources), ...Object.keys(m.nodes)].slice(0, Number(limitArg) + 100);
const keep = new Set(ids);
const g = new dagre.graphlib.Graph();
g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 100 });
g.setDefaultEdgeLabel(() => ({}));
for (const id of ids) g.setNode(id, { width: 220, height: 26 });
let edges = 0;
for (const id of ids) for (const p of (m.nodes[id]?.depends_on.nodes ?? [])) if (keep.has(p)) { g.setEdge(p, id); edges++; }
const t = performance.now();
dagre.layout(g);
console.log(`dagre layout: ${ids.length} nodes, ${edges} edges: ${(performance.now() - t).toFixed(0)} ms (node ${process.version})`);
