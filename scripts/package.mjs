// `npm run package [-- --target linux-x64]`: builds a per-platform .vsix with @vscode/vsce.
//
// The bundle dist/extension.js (esbuild, --external:vscode, onnxruntime-node and tokenizers
// external) is rebuilt minified, then vsce packages the allow-list in .vscodeignore: the bundle,
// media/, the model, and from node_modules only onnxruntime-node (+ onnxruntime-common) and
// tokenizers with the native binaries of the target platform. The target's binaries are swapped
// into a copy of .vscodeignore (default: this machine's platform).
//
// vsce runs in dependency mode (no --no-dependencies): with --no-dependencies it leaves out
// node_modules/ entirely, whatever the ignore file says. It lists the production dependency
// tree with `npm list` (offline), and the allow-list cuts that down to the files above.
//
// Output: local-complete-<target>-<version>.vsix in the repository root (path printed last).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAX_BYTES = 60 * 1024 * 1024;

/** vsce target → [onnxruntime-node bin folder, tokenizers binary suffix]. */
const TARGETS = {
  'linux-x64': ['linux/x64', 'linux-x64-gnu'],
  'linux-arm64': ['linux/arm64', 'linux-arm64-gnu'],
  'darwin-arm64': ['darwin/arm64', 'darwin-arm64'],
  'win32-x64': ['win32/x64', 'win32-x64-msvc'],
  'win32-arm64': ['win32/arm64', 'win32-arm64-msvc'],
};

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

function argValue(name) {
  const i = process.argv.indexOf(name);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

const target = argValue('--target') ?? `${process.platform}-${process.arch}`;
if (!TARGETS[target]) fail(`unsupported target "${target}"; one of: ${Object.keys(TARGETS).join(', ')}`);
const [ortDir, tokSuffix] = TARGETS[target];

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, argValue('--out') ?? `${pkg.name}-${target}-${pkg.version}.vsix`);

for (const required of [
  'models/onnx/model.onnx',
  'models/tokenizer.json',
  `node_modules/onnxruntime-node/bin/napi-v6/${ortDir}`,
  `node_modules/tokenizers/tokenizers.${tokSuffix}.node`,
]) {
  if (!existsSync(join(root, required))) fail(`${required} is missing (npm ci, and the bundled model in models/)`);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) fail(`${command}: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

// 1. The bundle, minified.
run(process.execPath, [join(root, 'scripts', 'bundle.mjs'), '--production']);

// 2. The allow-list with this target's native binaries.
const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8')
  .replaceAll('napi-v6/linux/x64/', `napi-v6/${ortDir}/`)
  .replaceAll('tokenizers.linux-x64-gnu.node', `tokenizers.${tokSuffix}.node`);
const temp = mkdtempSync(join(tmpdir(), 'local-complete-package-'));
process.on('exit', () => rmSync(temp, { recursive: true, force: true }));
const ignoreFile = join(temp, 'vscodeignore');
writeFileSync(ignoreFile, ignore);

// 3. vsce. A missing LICENSE or repository field must not stop it with a prompt or an error.
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const args = [
  vsce, 'package',
  '--target', target,
  '--ignoreFile', ignoreFile,
  '--out', out,
  '--allow-missing-repository',
  '--skip-license',
  // The README's relative links (docs/, models/) stay relative: no repository URL to prefix them with.
  '--no-rewrite-relative-links',
];
run(process.execPath, args);

const bytes = statSync(out).size;
console.log(`package: ${relative(root, out)} ${(bytes / 1024 / 1024).toFixed(1)} MB (${target})`);
if (bytes > MAX_BYTES) fail(`the .vsix is ${(bytes / 1024 / 1024).toFixed(1)} MB, over the ${MAX_BYTES / 1024 / 1024} MB limit`);
console.log(out);
