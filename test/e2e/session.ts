/**
 * The one workbench the browser end-to-end tests share: code-server with the extension loaded
 * from the repository (extensionDevelopmentPath, no extensionTestsPath), one Chromium page.
 * test/run/runE2E.ts starts it before mocha runs the *.test.js files and stops it afterwards.
 */
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import {
  ARTIFACTS, CodeServer, REPO, installCodeServer, launchChromium, openWorkbench, startCodeServer,
} from '../run/codeServer';

export interface E2ESession {
  server: CodeServer;
  browser: Browser;
  page: Page;
  /** The throw-away copy of test/fixtures/workspace the workbench has open. */
  workspace: string;
}

let current: E2ESession | undefined;

export function session(): E2ESession {
  if (!current) throw new Error('no e2e session: run the e2e tests through test/run/runE2E.js');
  return current;
}

export async function startSession(options: { port?: number } = {}): Promise<E2ESession> {
  const server = await startCodeServer({ name: 'e2e', serverMain: installCodeServer(), port: options.port });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const workspace = server.copyWorkspace();
    const url = server.url({ folder: workspace, extensionDevelopmentPath: REPO });
    const { page } = await openWorkbench(browser, url, { consoleLog: path.join(ARTIFACTS, 'e2e-console.log') });
    current = { server, browser, page, workspace };
    return current;
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server.stop();
    throw error;
  }
}

export async function stopSession(): Promise<void> {
  const s = current;
  current = undefined;
  if (!s) return;
  await s.browser.close().catch(() => undefined);
  await s.server.stop();
}
