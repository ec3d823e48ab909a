// Writes a synthetic dbt-shaped target/ (manifest.json, catalog.json, run_results.json) with N models:
// 100 sources → N/10 staging models → chains of 40 models with fan-in from 1–3 earlier models; 8 columns each.
import { mkdirSync, writeFileSync } from 'node:fs';

const [outDir = 'bench/out/docs/target', nArg = '10000'] = process.argv.slice(2);
const N = Number(nArg);
const P = 'bench';
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
const rel = (schema, name) => `"${P}"."${schema}"."${name}"`;
const COLS = ['id', 'customer_id', 'order_id', 'amount', 'status', 'created_at', 'updated_at', 'region'];
const words = 'revenue ledger billing customer order payment refund invoice subscription churn cohort region currency'.split(' ');
const sentence = (k) => Array.from({ length: k }, () => pick(words)).join(' ');
const columns = (name) => Object.fromEntries(COLS.map((c) => [c, { name: c, description: `${c} of ${name}: ${sentence(5)}`, data_type: null, tags: [], meta: {} }]));

const nodes = {}, sources = {}, catalog = { nodes: {}, sources: {} }, results = [];
const catCols = (types) => Object.fromEntries(COLS.map((c, k) => [c, { name: c, type: types[k % types.length], index: k }]));
for (let s = 0; s < 100; s++) {
  const id = `source.${P}.raw.table_${s}`;
  sources[id] = { unique_id: id, resource_type: 'source', source_name: 'raw', name: `table_${s}`, identifier: `table_${s}`,
    relation_name: rel('raw', `table_${s}`), description: `Raw table ${s}. ${sentence(12)}`, columns: columns(`table_${s}`), meta: {}, original_file_path: 'models/staging/sources.yml' };
  catalog.sources[id] = { metadata: { type: 'BASE TABLE', schema: 'raw', name: `table_${s}` }, columns: catCols(['INTEGER', 'VARCHAR']), stats: {} };
}
const sourceIds = Object.keys(sources);
const modelIds = [];
const staging = Math.max(1, Math.floor(N / 10));
for (let m = 0; m < N; m++) {
  const name = m < staging ? `stg_model_${m}` : `model_${m}`;
  const folder = m < staging ? 'staging' : `marts/domain_${Math.floor(m / 500)}`;
  let deps;
  if (m < staging) deps = [sourceIds[m % sourceIds.length]];
  else {
    const prev = m % 40 === 0 ? pick(modelIds.slice(0, staging)) : modelIds[m - 1];
    deps = [prev];
    const fan = Math.floor(rand() * 3);
    for (let f = 0; f < fan; f++) { const d = pick(modelIds); if (!deps.includes(d)) deps.push(d); }
  }
  const upRel = (d) => (d.startsWith('source.') ? sources[d].relation_name : nodes[d].relation_name);
  const joins = deps.map((d, k) => (k === 0 ? `from ${upRel(d)} t0` : `left join ${upRel(d)} t${k} on t0.id = t${k}.id`)).join('\n');
  const sel = COLS.map((c, k) => (k === 3 && deps.length > 1 ? `t0.amount + coalesce(t1.amount, 0) as amount`
    : k === 4 ? `case when t0.status = 'x' then upper(t0.status) else t0.status end as status` : `t0.${c}`)).join(',\n  ');
  const compiled = `with base as (\n  select\n  ${sel}\n  ${joins}\n)\nselect * from base`;
  const id = `model.${P}.${name}`;
  nodes[id] = { unique_id: id, resource_type: 'model', name, package_name: P, path: `${folder}/${name}.sql`, original_file_path: `models/${folder}/${name}.sql`,
    schema: m < staging ? 'staging' : 'marts', alias: name, relation_name: rel(m < staging ? 'staging' : 'marts', name),
    raw_code: compiled.replace(/"bench"\."\w+"\."(\w+)"/g, "{{ ref('$1') }}"), compiled_code: compiled,
    description: `# ${name}\n${sentence(20)}. Owned by **team ${m % 7}**.`, columns: columns(name),
    config: { materialized: m < staging ? 'view' : 'table', tags: [] }, tags: [`domain_${Math.floor(m / 500)}`], meta: {},
    depends_on: { nodes: deps, macros: [] }, fqn: [P, ...folder.split('/'), name] };
  catalog.nodes[id] = { metadata: { type: 'BASE TABLE', schema: nodes[id].schema, name }, columns: catCols(['INTEGER', 'VARCHAR', 'DOUBLE']), stats: { row_count: { value: m * 10 } } };
  results.push({ unique_id: id, status: rand() < 0.02 ? 'error' : 'success', execution_time: rand(), message: 'OK', adapter_response: { rows_affected: m } });
  modelIds.push(id);
}
const parent_map = {}, child_map = {};
for (const id of [...sourceIds, ...modelIds]) { parent_map[id] = nodes[id] ? nodes[id].depends_on.nodes : []; child_map[id] = []; }
for (const id of modelIds) for (const p of parent_map[id]) child_map[p].push(id);
mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}/manifest.json`, JSON.stringify({ metadata: { project_name: P, generated_at: new Date().toISOString(), generator: 'ngdbt bench' }, nodes, sources, macros: {}, parent_map, child_map }));
writeFileSync(`${outDir}/catalog.json`, JSON.stringify(catalog));
writeFileSync(`${outDir}/run_results.json`, JSON.stringify({ metadata: { generated_at: new Date().toISOString() }, results }));
console.log(`wrote ${N} models, ${sourceIds.length} sources to ${outDir}`);
