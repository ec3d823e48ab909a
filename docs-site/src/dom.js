// Tiny DOM builder: every string becomes a text node (never parsed as HTML).
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'onclick') node.addEventListener('click', v);
      else if (k === 'dataset') Object.assign(node.dataset, v);
      else node.setAttribute(k, String(v));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(node, c);
    else if (c instanceof Node) node.appendChild(c);
    else node.appendChild(document.createTextNode(String(c)));
  }
}

// Only for HTML produced at generate time by the sanitizing Markdown renderer, or by highlight.js (which escapes).
export function trustedHtml(tag, className, html) {
  const node = document.createElement(tag);
  node.className = className;
  node.innerHTML = html;
  return node;
}

export function nodeHref(id, column) {
  return '#!/node/' + encodeURIComponent(id) + (column ? '/' + encodeURIComponent(column) : '');
}

// Exposures, metrics and semantic models are selected by their own method (dbt's `+exposure:name+`).
export const focusSelector = (type, name) => (type === 'exposure' || type === 'metric' || type === 'semantic_model' ? `+${type}:${name}+` : `+${name}+`);

export const TYPE_COLORS = {
  model: '#3b82f6', seed: '#10b981', snapshot: '#8b5cf6', source: '#f59e0b',
  test: '#64748b', macro: '#0ea5e9', analysis: '#14b8a6', exposure: '#ec4899',
  metric: '#f97316', semantic_model: '#6366f1',
};
export const STATUS_COLORS = {
  success: '#16a34a', pass: '#16a34a', error: '#dc2626', fail: '#dc2626',
  warn: '#ea580c', skipped: '#94a3b8', 'runtime error': '#dc2626',
};
