// Instant search over the precomputed index (sorted tokens → postings [node, weight, …]): prefix ranges by binary search.
import { G } from './data.js';

const S = window.NGDBT_SEARCH;

function lowerBound(arr, key) {
  let lo = 0, hi = arr.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (arr[mid] < key) lo = mid + 1; else hi = mid; }
  return lo;
}

// Models, sources, seeds and snapshots before exposures/metrics/semantic models/analyses, macros and (generated) tests.
const TIER = { model: 0, source: 0, seed: 0, snapshot: 0, exposure: 1, metric: 1, semantic_model: 1, analysis: 1, macro: 2, test: 3, unit_test: 3 };
const tier = (i) => TIER[G.types[i]] ?? 2;

/** Within one edit (substitution, insertion, deletion or swap of neighbours) — for typo tolerance. */
function nearlyEqual(a, b) {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  const rest = (x, y) => a.slice(x) === b.slice(y);
  return rest(i + 1, i + 1) || rest(i + 1, i) || rest(i, i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(i + 2, i + 2));
}

function fuzzyTokens(term) {
  if (term.length < 4) return [];
  const out = [];
  for (let t = 0; t < S.tokens.length && out.length < 50; t++) {
    const tok = S.tokens[t];
    if (nearlyEqual(term, tok) || (tok.length > term.length && nearlyEqual(term, tok.slice(0, term.length)))) out.push(t);
  }
  return out;
}

export function search(query, limit = 30) {
  const terms = query.toLowerCase().split(/[^\p{L}\p{N}_.]+/u).filter(Boolean);
  if (!terms.length) return [];
  let scores = null;
  for (const term of terms) {
    const hits = new Map();
    const add = (t, boost) => {
      const p = S.postings[t];
      for (let k = 0; k < p.length; k += 2) {
        const s = p[k + 1] * boost;
        if ((hits.get(p[k]) || 0) < s) hits.set(p[k], s);
      }
    };
    for (let t = lowerBound(S.tokens, term), n = 0; t < S.tokens.length && S.tokens[t].startsWith(term) && n < 4000; t++, n++) add(t, S.tokens[t] === term ? 2 : 1);
    if (!hits.size) for (const t of fuzzyTokens(term)) add(t, 1); // a typo: nearest tokens, never above exact hits
    if (scores === null) scores = hits;
    else for (const [node, s] of scores) { const v = hits.get(node); if (v === undefined) scores.delete(node); else scores.set(node, s + v); }
  }
  const q = terms.join('_');
  const cls = (score) => (score >= 8 ? 2 : score >= 4 ? 1 : 0);
  const starts = (i) => (G.names[i].toLowerCase().startsWith(q) || G.names[i].toLowerCase().includes('_' + q) ? 1 : 0);
  return [...scores.entries()]
    .sort((a, b) => cls(b[1]) - cls(a[1]) || tier(a[0]) - tier(b[0]) || starts(b[0]) - starts(a[0]) || b[1] - a[1]
      || G.names[a[0]].length - G.names[b[0]].length || G.names[a[0]].localeCompare(G.names[b[0]]))
    .slice(0, limit)
    .map(([node, score]) => ({ node, score, why: score >= 8 ? 'name' : score >= 4 ? 'column' : 'text' }));
}
