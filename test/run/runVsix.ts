/**
 * `npm run test:vsix`: installs the packaged .vsix (scripts/package.mjs) into a fresh code-server
 * with `--install-extension`, starts it WITHOUT extensionDevelopmentPath, and checks in Chromium
 * that typing in the sample TypeScript file shows ghost text from the installed extension and that
 * Tab accepts it.
 *
 * Usage: node out/test/run/runVsix.js [path/to/file.vsix]
 *        (default: local-complete-<platform>-<arch>-<version>.vsix in the repository root)
 * Artifacts in .test-artifacts/: vsix-NN-*.png, vsix-console.log, vsix-server.log.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import {
  ARTIFACTS, REPO, assertChromium, ensureArtifacts, installCodeServer, installVsix, launchChromium, log, openWorkbench, runMain, startCodeServer,
} from './codeServer';
import { completeAfterHeader, screenshot, waitForModelReady } from '../e2e/workbench';

function defaultVsix(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(REPO, `${pkg.name}-${process.platform}-${process.arch}-${pkg.version}.vsix`);
}

export async function main(): Promise<number> {
  const vsix = path.resolve(process.argv[2] ?? defaultVsix());
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} not found: run "npm run package" first`);
  assertChromium();
  ensureArtifacts();
  for (const f of fs.readdirSync(ARTIFACTS)) if (/^vsix-.*\.png$/.test(f)) fs.rmSync(path.join(ARTIFACTS, f));
  const started = Date.now();
  const serverMain = installCodeServer();

  const extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-complete-vsix-extensions-'));
  let browser: Browser | undefined;
  try {
    log(`installing ${path.relative(REPO, vsix)} with --install-extension`);
    installVsix(serverMain, vsix, extensionsDir);
    const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith('local-complete.local-complete-'));
    assert.strictEqual(installed.length, 1, `expected one installed local-complete extension, found ${JSON.stringify(fs.readdirSync(extensionsDir))}`);
    const extDir = path.join(extensionsDir, installed[0]);
    for (const file of ['dist/extension.js', 'models/tokenizer.json', 'node_modules/onnxruntime-node/package.json', 'node_modules/tokenizers/index.js']) {
      assert.ok(fs.existsSync(path.join(extDir, file)), `the installed extension lacks ${file}`);
    }

    const server = await startCodeServer({ name: 'vsix', serverMain, extensionsDir });
    try {
      browser = await launchChromium();
      const workspace = server.copyWorkspace();
      const { page } = await openWorkbench(browser, server.url({ folder: workspace }), {
        consoleLog: path.join(ARTIFACTS, 'vsix-console.log'),
      });
      await waitForModelReady(page);
      await screenshot(page, 'vsix', 'model-ready');
      const ghost = await completeAfterHeader(page, {
        workspace, file: 'sample.ts', header: 'export function fibonacci', typed: 'if (', prefix: 'vsix',
      });
      log(`the installed .vsix completed ${JSON.stringify(ghost)}`);
    } finally {
      await browser?.close().catch(() => undefined);
      await server.stop();
    }
  } finally {
    fs.rmSync(extensionsDir, { recursive: true, force: true });
  }
  log(`test:vsix passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

runMain(module, 'test:vsix', main);
