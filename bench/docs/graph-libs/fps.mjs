// Graph-library spike: Cytoscape.js (canvas) and Sigma.js + graphology (WebGL) on the 10,100-node bench graph
// (bench/out/docs/site/data/graph.js from bench/docs-scale.sh), preset positions, in Debian's headless Chromium with the
// site's flags. Reports first draw and the mean frame time of 20–30 programmatic zoom and pan steps, each waiting for
// the next animation frame — the same measure bench/docs/tti.mjs reports for the site's own renderer ("zoom frame").
import { chromium } from 'playwright-core';
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, '../../out/graph-libs');
mkdirSync(out, { recursive: true });
writeFileSync(resolve(out, 'cy-entry.js'), "import cytoscape from 'cytoscape'; window.cytoscape = cytoscape;");
writeFileSync(resolve(out, 'sg-entry.js'), "import Sigma from 'sigma'; import Graph from 'graphology'; window.Sigma = Sigma; window.Graph = Graph;");
for (const [entry, file] of [['cy-entry.js', 'cy.min.js'], ['sg-entry.js', 'sigma.min.js']])
  await build({ entryPoints: [resolve(out, entry)], bundle: true, minify: true, format: 'iife', outfile: resolve(out, file), nodePaths: [resolve(here, 'node_modules')], logLevel: 'error' });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] });
const steps = (page, zoom, pan) => page.evaluate(([zoom, pan]) => {
  const run = (fn, count) => new Promise((res) => { const a = performance.now(); let n = 0;
    const step = () => { fn(); requestAnimationFrame(() => { if (++n < count) step(); else res((performance.now() - a) / count); }); }; step(); });
  return run(new Function(zoom), 20).then((z) => run(new Function(pan), 30).then((p) => [z, p]));
}, [zoom, pan]);
const cases = [
  ...['', '?fast', '?webgl'].map((v) => ['cytoscape' + v, 'cy.html' + v,
    "cy.zoom({ level: cy.zoom() * 1.05, renderedPosition: { x: 700, y: 450 } })", 'cy.panBy({ x: 15, y: 5 })']),
  ['cytoscape-unused', 'cy.html', "cy.zoom({ level: cy.zoom() * 1.05, renderedPosition: { x: 700, y: 450 } })", 'cy.panBy({ x: 15, y: 5 })'],
  ['sigma', 'sg.html', 'const c = s.getCamera(), st = c.getState(); c.setState({ ...st, ratio: st.ratio / 1.05 })',
    'const c = s.getCamera(), st = c.getState(); c.setState({ ...st, x: st.x + 0.002 })'],
];
for (const [name, html, zoom, pan] of cases.filter((c) => !c[0].endsWith('-unused'))) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const [file, query = ''] = html.split('?');
  await page.goto(pathToFileURL(resolve(here, file)).href + (query ? '?' + query : ''));
  try { await page.waitForFunction(() => window.drawn !== undefined, null, { timeout: 180000 }); }
  catch { console.log(`${name}: no frame drawn within 180 s`); await context.close(); continue; }
  const [z, p] = await steps(page, zoom, pan);
  const drawn = await page.evaluate(() => window.drawn);
  console.log(`${name}: first draw ${drawn.toFixed(0)} ms, zoom frame ${z.toFixed(1)} ms (${(1000 / z).toFixed(1)} fps), pan frame ${p.toFixed(1)} ms (${(1000 / p).toFixed(1)} fps)`);
  await context.close();
}
await browser.close();
