// Bundles src/ into dist/ (index.html, app.js, app.css). Run by Ngdbt.Docs.csproj at build time.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';

mkdirSync('dist', { recursive: true });
await build({
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  outdir: 'dist',
  logLevel: 'warning',
  legalComments: 'linked',
});
await build({
  entryPoints: { app: 'src/style.css' },
  bundle: true,
  minify: true,
  outdir: 'dist',
  logLevel: 'warning',
});
copyFileSync('src/index.html', 'dist/index.html');
console.log('docs-site: bundle written to dist/');
