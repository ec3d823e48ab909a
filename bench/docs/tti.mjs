// Time-to-interactive of the generated site in Debian's headless Chromium (playwright-core, no browser download):
// from navigation start to "graph drawn AND search usable", opened from file:// at #!/graph. Prints the median.
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [siteDir = 'bench/out/docs/site', runsArg = '5'] = process.argv.slice(2);
const runs = Number(runsArg);
const url = pathToFileURL(resolve(siteDir, 'index.html')).href + '#!/graph';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const tti = [], searchMs = [], zoomMs = [];
for (let r = 0; r < runs; r++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__ngdbtTiming && window.__ngdbtTiming.graphDrawn && window.__ngdbtTiming.searchReady, null, { timeout: 60000 });
  const t = await page.evaluate(() => window.__ngdbtTiming);
  const ready = Math.max(t.graphDrawn, t.searchReady);
  // search latency through the real input, and a full-graph redraw (pan/zoom frame cost)
  const s = await page.evaluate(() => { const a = performance.now(); for (let i = 0; i < 20; i++) window.ngdbtDocs.search('amount model_99'); return (performance.now() - a) / 20; });
  const z = await page.evaluate(() => new Promise((res) => { const a = performance.now(); let n = 0;
    const step = () => { document.getElementById('graph').dispatchEvent(new WheelEvent('wheel', { deltaY: -40, clientX: 700, clientY: 450, bubbles: true }));
      requestAnimationFrame(() => { if (++n < 20) step(); else res((performance.now() - a) / 20); }); }; step(); }));
  const count = await page.getAttribute('#graph-count', 'data-count');
  console.log(`  run ${r + 1}: interactive ${ready.toFixed(0)} ms (graph drawn ${t.graphDrawn.toFixed(0)}, search ready ${t.searchReady.toFixed(0)}), ${count} nodes, search ${s.toFixed(2)} ms/query, zoom frame ${z.toFixed(1)} ms`);
  tti.push(ready); searchMs.push(s); zoomMs.push(z);
  if (r === 0) await page.screenshot({ path: resolve(siteDir, '..', 'graph-10k.png') });
  await context.close();
}
await browser.close();
console.log(`time-to-interactive median: ${median(tti).toFixed(0)} ms over ${runs} runs; search median ${median(searchMs).toFixed(2)} ms/query; zoom frame median ${median(zoomMs).toFixed(1)} ms`);
