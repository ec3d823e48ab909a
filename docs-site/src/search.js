// Instant search over the precomputed index (sorted tokens → postings [node, weight, …]): prefix ranges by binary search.
import { G } from './data.js';

const S = window.NGDBT_SEARCH;

function lowerBound(arr, key) {
  let lo = 0, hi = arr.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (arr[mid] < key) lo = mid + 1; else hi = mid; }
  return lo;
}

export function search(query, limit = 30) {
  const terms = query.toLowerCase().split(/[^\p{L}\p{N}_.]+/u).filter(Boolean);
  if (!terms.length) return [];
  let scores = null;
  for (const term of terms) {
    const hits = new Map();
    for (let t = lowerBound(S.tokens, term), n = 0; t < S.tokens.length && S.tokens[t].startsWith(term) && n < 4000; t++, n++) {
      const boost = S.tokens[t] === term ? 2 : 1;
      const p = S.postings[t];
      for (let k = 0; k < p.length; k += 2) {
        const s = p[k + 1] * boost;
        if ((hits.get(p[k]) || 0) < s) hits.set(p[k], s);
      }
    }
    if (scores === null) scores = hits;
    else for (const [node, s] of scores) { const v = hits.get(node); if (v === undefined) scores.delete(node); else scores.set(node, s + v); }
  }
  return [...scores.entries()]
    .sort((a, b) => b[1] - a[1] || G.names[a[0]].length - G.names[b[0]].length || G.names[a[0]].localeCompare(G.names[b[0]]))
    .slice(0, limit)
    .map(([node, score]) => ({ node, score, why: score >= 8 ? 'name' : score >= 4 ? 'column' : 'text' }));
}
