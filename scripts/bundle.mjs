// Bundles the extension with esbuild: src/vscode/extension.ts → dist/extension.js (CommonJS, Node 20).
// `vscode` comes from the extension host; onnxruntime-node and tokenizers are native and ship in
// node_modules inside the .vsix, so they stay external too.
// Usage: node scripts/bundle.mjs [--production]   (--production minifies and drops the source map)
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');

const started = Date.now();
const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/vscode/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'onnxruntime-node', 'tokenizers'],
  sourcemap: production ? false : 'linked',
  minify: production,
  keepNames: true,
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`bundle: dist/extension.js ${(bytes / 1024).toFixed(0)} KB in ${Date.now() - started} ms`);
