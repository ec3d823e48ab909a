// The graph's focus box speaks `ngdbt ls` selector syntax (src/Ngdbt.Core/Select/NodeSelector.cs):
// space = union, comma = intersection, `+x` / `x+` (all), `2+x` / `x+1` (depth), `@x`, methods name (with * and ?),
// tag:, path:/file:, resource_type:, source:, package:, config.materialized:, exposure:, metric:, semantic_model:,
// and `--exclude <expr>`.
// Shared test vectors: src/Ngdbt.Tests/Fixtures/selector-vectors.json (run against both implementations).
const ATOM = /^(@)?(?:(\d*)\+)?([^+]+?)(?:\+(\d*))?$/;

export function makeSelector(g, parentsOf, childrenOf) {
  const n = g.ids.length;
  const plain = g.names.map((name, i) => (g.sources && g.sources[i] && name.startsWith(g.sources[i] + '.') ? name.slice(g.sources[i].length + 1) : name));
  const wildcard = (v) => new RegExp('^' + v.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  const pathMatches = (p, value) => {
    const v = value.replace(/\/+$/, '');
    return p === v || p.startsWith(v + '/') || (v.includes('*') && wildcard(v).test(p));
  };
  function predicate(body, errors) {
    const colon = body.indexOf(':');
    const method = colon > 0 ? body.slice(0, colon) : 'name';
    const value = colon > 0 ? body.slice(colon + 1) : body;
    switch (method) {
      case 'name':
        if (/[*?]/.test(value)) { const re = wildcard(value); return (i) => re.test(plain[i]); }
        return (i) => plain[i] === value || g.names[i] === value;
      case 'tag': return (i) => (g.tags?.[i] || []).includes(value);
      case 'path': case 'file': return (i) => pathMatches(g.paths[i] || '', value);
      case 'resource_type': return (i) => g.types[i] === value;
      case 'source': return (i) => g.types[i] === 'source' && (g.sources[i] === value || g.names[i] === value);
      case 'package': return (i) => g.packages?.[i] === value;
      case 'config.materialized': return (i) => (g.materialized[i] || '').toLowerCase() === value.toLowerCase();
      // dbt's `exposure:name`, `metric:name`, `semantic_model:name` (with * and ?), e.g. `+exposure:weekly_kpis`.
      case 'exposure': case 'metric': case 'semantic_model': {
        const re = /[*?]/.test(value) ? wildcard(value) : null;
        return (i) => g.types[i] === method && (re ? re.test(g.names[i]) : g.names[i] === value);
      }
      default: errors.push(`unknown selector method '${method}'`); return () => false;
    }
  }
  function walk(start, next, depth, into) {
    let frontier = [start];
    const seen = new Set([start]);
    for (let d = 0; (depth === null || d < depth) && frontier.length; d++) {
      const nf = [];
      for (const v of frontier) for (const u of next(v)) if (!seen.has(u)) { seen.add(u); into.add(u); nf.push(u); }
      frontier = nf;
    }
  }
  function atom(text, errors) {
    const m = ATOM.exec(text);
    if (!m) { errors.push(`cannot parse selector '${text}'`); return new Set(); }
    const test = predicate(m[3], errors);
    const seeds = [];
    for (let i = 0; i < n; i++) if (g.x[i] !== null && test(i)) seeds.push(i); // graph resources only (no tests)
    if (!seeds.length) errors.push(`selector '${text}' matched nothing`);
    const out = new Set(seeds);
    const depth = (s) => (s === '' ? null : Number(s));
    for (const id of seeds) {
      if (m[1]) {
        const down = new Set([id]);
        walk(id, childrenOf, null, down);
        for (const d of down) { out.add(d); walk(d, parentsOf, null, out); }
      }
      if (m[2] !== undefined) walk(id, parentsOf, depth(m[2]), out);
      if (m[4] !== undefined) walk(id, childrenOf, depth(m[4]), out);
    }
    return out;
  }
  function evaluate(expr, errors) {
    const union = new Set();
    for (const term of expr.split(' ').filter(Boolean)) {
      let inter = null;
      for (const part of term.split(',').filter(Boolean)) {
        const got = atom(part, errors);
        inter = inter === null ? got : new Set([...inter].filter((x) => got.has(x)));
      }
      for (const x of inter || []) union.add(x);
    }
    return union;
  }
  /** Returns {nodes: Set<index>, errors: string[]}; `text` may hold `--exclude …` after the selection. */
  return function select(text) {
    const errors = [];
    const [sel, ...rest] = (text || '').trim().split(/\s+--exclude\s+|\s+--exclude$/);
    const nodes = evaluate(sel.replace(/^(-s|--select)\s+/, ''), errors);
    if (rest.length) for (const x of evaluate(rest.join(' '), errors)) nodes.delete(x);
    return { nodes, errors };
  };
}
