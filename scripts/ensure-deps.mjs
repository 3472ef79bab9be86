// Runs `npm ci` when node_modules is missing or older than package-lock.json, so that
// `npm start` and `npm test` are each enough on a fresh clone (npm calls this as prestart/pretest).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  console.log('Installing dependencies (npm ci)...');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' }, // its CPU binaries ship in the package
  });
  if (r.status !== 0) {
    console.error('npm ci failed; see above (the npm registry must be reachable).');
    process.exit(r.status ?? 1);
  }
}
