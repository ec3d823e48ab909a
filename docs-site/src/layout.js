// Layered layout for focused subgraphs (same algorithm as the C# generate-time layout: longest path + barycentre).
export function layoutSubset(nodes, edges) {
  const index = new Map(nodes.map((n, k) => [n, k]));
  const parents = nodes.map(() => []), children = nodes.map(() => []);
  const indeg = new Int32Array(nodes.length);
  for (const [p, c] of edges) {
    const a = index.get(p), b = index.get(c);
    if (a === undefined || b === undefined || a === b) continue;
    parents[b].push(a); children[a].push(b); indeg[b]++;
  }
  const layer = new Int32Array(nodes.length);
  const queue = [];
  indeg.forEach((d, k) => { if (d === 0) queue.push(k); });
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q];
    for (const c of children[v]) { layer[c] = Math.max(layer[c], layer[v] + 1); if (--indeg[c] === 0) queue.push(c); }
  }
  let max = 0; layer.forEach((l) => { if (l > max) max = l; });
  const layers = Array.from({ length: max + 1 }, () => []);
  queue.forEach((v) => layers[layer[v]].push(v));
  const pos = new Float64Array(nodes.length);
  const norm = () => layers.forEach((l) => l.forEach((v, k) => { pos[v] = (k + 0.5) / l.length; }));
  const reorder = (l, nb) => {
    const key = new Map(l.map((v) => [v, nb[v].length ? nb[v].reduce((s, u) => s + pos[u], 0) / nb[v].length : pos[v]]));
    l.sort((a, b) => key.get(a) - key.get(b) || pos[a] - pos[b]);
  };
  norm();
  for (let s = 0; s < 4; s++) {
    for (let l = 1; l <= max; l++) reorder(layers[l], parents);
    norm();
    for (let l = max - 1; l >= 0; l--) reorder(layers[l], children);
    norm();
  }
  const xs = new Map(), ys = new Map();
  layers.forEach((l, li) => l.forEach((v, k) => { xs.set(nodes[v], li * 320); ys.set(nodes[v], (k - (l.length - 1) / 2) * 40); }));
  return { xs, ys };
}
