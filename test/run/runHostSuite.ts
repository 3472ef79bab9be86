/**
 * `npm run test:host`: runs the extension-host suite (test/vscode/suite) inside a real VS Code
 * (code-server 4.99.4, VS Code 1.99.3) driven by headless Chromium, and exits with its code.
 *
 * Artifacts in .test-artifacts/: host-console.log (browser console, extension host output
 * included), host-suite.log (the suite's report), host-server.log, host-end.png.
 *
 * Env: LOCAL_COMPLETE_PORT=N to use a fixed port (default: a free one);
 *      LOCAL_COMPLETE_HOST_TIMEOUT_S (default 900).
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  ARTIFACTS, REPO, assertChromium, ensureArtifacts, installCodeServer, launchChromium, log, openWorkbench,
  requireBuilt, runMain, startCodeServer, withTimeout,
} from './codeServer';
import type { Browser } from 'playwright-core';

const SUITE = 'out/test/vscode/suite/index.js';

export async function main(): Promise<number> {
  requireBuilt('dist/extension.js', SUITE);
  assertChromium();
  ensureArtifacts();
  fs.rmSync(path.join(ARTIFACTS, 'host-suite.log'), { force: true });
  for (const f of fs.readdirSync(ARTIFACTS)) if (/^host-progress-.*\.png$/.test(f)) fs.rmSync(path.join(ARTIFACTS, f));
  const serverMain = installCodeServer();
  const port = process.env.LOCAL_COMPLETE_PORT ? Number(process.env.LOCAL_COMPLETE_PORT) : undefined;
  const server = await startCodeServer({ name: 'host', serverMain, port });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const url = server.url({
      folder: server.copyWorkspace(),
      extensionDevelopmentPath: REPO,
      extensionTestsPath: path.join(REPO, SUITE),
    });
    const started = Date.now();
    const workbench = await openWorkbench(browser, url, {
      consoleLog: path.join(ARTIFACTS, 'host-console.log'),
      echo: (line) => {
        const at = line.indexOf('[host-suite] ');
        return at < 0 ? undefined : line.slice(at + '[host-suite] '.length);
      },
    });
    const timeoutS = Number(process.env.LOCAL_COMPLETE_HOST_TIMEOUT_S ?? 900);
    // A screenshot every 15 s shows where a slow or stuck suite is.
    const progress = setInterval(() => {
      const seconds = String(Math.round((Date.now() - started) / 1000)).padStart(4, '0');
      workbench.page.screenshot({ path: path.join(ARTIFACTS, `host-progress-${seconds}s.png`) }).catch(() => undefined);
    }, 15_000);
    const code = await withTimeout(workbench.exitCode, timeoutS * 1000, 'the extension-host suite to report its exit code').finally(() =>
      clearInterval(progress),
    );
    await workbench.page.screenshot({ path: path.join(ARTIFACTS, 'host-end.png') }).catch(() => undefined);
    log(`extension-host suite exited with ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (!fs.existsSync(path.join(ARTIFACTS, 'host-suite.log'))) {
      log('the suite wrote no report: see .test-artifacts/host-console.log');
      return code === 0 ? 1 : code;
    }
    return code;
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
  }
}

runMain(module, 'test:host', main);
