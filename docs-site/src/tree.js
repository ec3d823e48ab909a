// Sidebar: project tree by folder or by database schema. Folders render their children lazily when opened.
import { el, nodeHref, TYPE_COLORS } from './dom.js';
import { G } from './data.js';

function insert(root, parts, i) {
  let node = root;
  for (const p of parts) { node.dirs[p] = node.dirs[p] || { dirs: {}, leaves: [] }; node = node.dirs[p]; }
  node.leaves.push(i);
}

function build(mode) {
  const root = { dirs: {}, leaves: [] };
  for (let i = 0; i < G.ids.length; i++) {
    const type = G.types[i];
    if (type === 'test') continue;
    if (mode === 'folder') insert(root, (G.paths[i] || type).split('/').slice(0, -1).concat(type === 'macro' ? [] : []), i);
    else if (type !== 'macro') insert(root, [G.schemas[i] || '(no schema)', type + 's'], i);
  }
  return root;
}

function render(node) {
  const frag = [];
  for (const name of Object.keys(node.dirs).sort()) {
    const child = node.dirs[name];
    const d = el('details', null, el('summary', null, name));
    d.addEventListener('toggle', () => { if (d.open && d.children.length === 1) d.append(...render(child)); }, { once: false });
    frag.push(d);
  }
  const leaves = node.leaves.slice().sort((a, b) => G.names[a].localeCompare(G.names[b]));
  for (const i of leaves) frag.push(el('a', { href: nodeHref(G.ids[i]), class: 'leaf', title: G.ids[i] },
    el('span', { class: 'dot', style: `background:${TYPE_COLORS[G.types[i]] || '#475569'}` }), G.names[i]));
  return frag;
}

export function buildTree(container, tabs) {
  const show = (mode) => {
    tabs.forEach((b) => b.classList.toggle('active', b.dataset.tree === mode));
    container.replaceChildren(...render(build(mode)));
  };
  tabs.forEach((b) => b.addEventListener('click', () => show(b.dataset.tree)));
  show('folder');
}
