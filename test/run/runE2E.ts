/**
 * `npm run test:e2e`: browser end-to-end tests (test/e2e/*.test.ts) against code-server with the
 * extension loaded from this repository, driven by headless Chromium through playwright-core.
 *
 * Artifacts in .test-artifacts/: e2e-NN-*.png screenshots at each step, e2e-console.log,
 * e2e-server.log, and e2e-failure-*.png for a failed test.
 *
 * Env: LOCAL_COMPLETE_PORT=N to use a fixed port (default: a free one).
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha = require('mocha');
import { ARTIFACTS, assertChromium, ensureArtifacts, log, requireBuilt, runMain } from './codeServer';
import { session, startSession, stopSession } from '../e2e/session';

const E2E_DIR = path.join(__dirname, '..', 'e2e');
/** Files run in this order; any other *.test.js after them. */
const ORDER = ['completions', 'commands'];

function testFiles(): string[] {
  const rank = (f: string) => {
    const i = ORDER.indexOf(f.replace(/\.test\.js$/, ''));
    return i < 0 ? ORDER.length : i;
  };
  return fs
    .readdirSync(E2E_DIR)
    .filter((f) => f.endsWith('.test.js'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((f) => path.join(E2E_DIR, f));
}

export async function main(): Promise<number> {
  requireBuilt('dist/extension.js');
  assertChromium();
  ensureArtifacts();
  for (const f of fs.readdirSync(ARTIFACTS)) if (/^e2e-.*\.png$/.test(f)) fs.rmSync(path.join(ARTIFACTS, f));
  const started = Date.now();
  const port = process.env.LOCAL_COMPLETE_PORT ? Number(process.env.LOCAL_COMPLETE_PORT) : undefined;
  await startSession({ port });
  try {
    const mocha = new Mocha({ ui: 'bdd', timeout: 240_000, color: true, bail: false });
    // Keep going after a failure (later steps have their own preconditions) but record a screenshot.
    mocha.rootHooks({
      async afterEach(this: Mocha.Context) {
        const test = this.currentTest;
        if (test?.state === 'failed') {
          const name = test.fullTitle().replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
          await session().page.screenshot({ path: path.join(ARTIFACTS, `e2e-failure-${name}.png`) }).catch(() => undefined);
        }
      },
    });
    for (const file of testFiles()) mocha.addFile(file);
    const failures = await new Promise<number>((resolve) => mocha.run(resolve));
    log(`e2e finished in ${((Date.now() - started) / 1000).toFixed(1)} s with ${failures} failure(s)`);
    return failures > 0 ? 1 : 0;
  } finally {
    await stopSession();
  }
}

runMain(module, 'test:e2e', main);
