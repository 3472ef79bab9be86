/**
 * Shared harness for tests that run against a real VS Code: code-server 4.99.4 (VS Code 1.99.3)
 * started on a free loopback port with throw-away data folders, driven by Debian's headless
 * Chromium through playwright-core.
 *
 * Every server this module starts is killed (its whole process group) when it is stopped,
 * when the process exits, and on SIGINT/SIGTERM/SIGHUP, whether the tests passed or not.
 */
import * as cp from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';

/** Repository root (this file compiles to out/test/run/). */
export const REPO = path.resolve(__dirname, '..', '..', '..');
export const ARTIFACTS = path.join(REPO, '.test-artifacts');
export const FIXTURE_WORKSPACE = path.join(REPO, 'test', 'fixtures', 'workspace');
export const CHROMIUM = process.env.LOCAL_COMPLETE_CHROMIUM || '/usr/bin/chromium';
const HOST = '127.0.0.1';

export function log(message: string): void {
  process.stderr.write(`[harness ${new Date().toISOString().slice(11, 23)}] ${message}\n`);
}

/** Rejects with a clear message when `promise` takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${Math.round(ms / 1000)} s: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function ensureArtifacts(): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return ARTIFACTS;
}

/** Fails with a clear message when a build output is missing. */
export function requireBuilt(...files: string[]): void {
  for (const file of files) {
    if (!fs.existsSync(path.join(REPO, file))) {
      throw new Error(`${file} is missing: run "npm run build" first`);
    }
  }
}

/** Runs a runner's main() when its file is the entry point: exit with its code, or 1 with the message. */
export function runMain(module: NodeModule, name: string, main: () => Promise<number>): void {
  if (require.main !== module) return;
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`${name} failed: ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Cleanup: kill what we started on any exit path.

const cleanups = new Set<() => void>();
let handlersInstalled = false;

function runCleanups(): void {
  for (const cleanup of [...cleanups]) {
    try {
      cleanup();
    } catch {
      /* best effort */
    }
  }
  cleanups.clear();
}

function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', runCleanups);
  const signals: [NodeJS.Signals, number][] = [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]];
  for (const [signal, number] of signals) {
    process.on(signal, () => {
      log(`${signal}: stopping servers`);
      runCleanups();
      process.exit(128 + number);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Ports

/** A port that is free on the loopback interface right now (the OS picks it: bind port 0). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Rejects with "Port N on 127.0.0.1 is already in use" when something listens there. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${HOST} is already in use: stop what listens there or pick another port`)
          : error,
      );
    });
    server.listen(port, HOST, () => server.close(() => resolve()));
  });
}

// ---------------------------------------------------------------------------------------------
// code-server

/** Installs code-server into the cache folder (a no-op when it is already complete); returns server-main.js. */
export function installCodeServer(): string {
  const script = path.join(REPO, 'scripts', 'install-code-server.sh');
  const result = cp.spawnSync('bash', [script], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    timeout: 30 * 60_000,
  });
  if (result.error) throw new Error(`install-code-server.sh failed: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`install-code-server.sh exited with ${result.status ?? result.signal}`);
  const serverMain = result.stdout.trim().split('\n').pop() ?? '';
  if (!fs.existsSync(serverMain)) throw new Error(`install-code-server.sh printed no server-main.js (got "${serverMain}")`);
  log(`code-server: ${serverMain}`);
  return serverMain;
}

/** User settings for a test profile: no welcome pages, no telemetry, no workspace trust, fast suggestions. */
export const TEST_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'editor.inlineSuggest.enabled': true,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'typescript.validate.enable': false,
  'typescript.suggest.enabled': false,
  'javascript.validate.enable': false,
  'localComplete.debounceMs': 0,
};

export interface ServerOptions {
  /** Name used for log files in .test-artifacts/. */
  name: string;
  serverMain: string;
  /** A fixed port (checked first); a free one when omitted. */
  port?: number;
  /** Use (and keep) this extensions folder instead of a throw-away one. */
  extensionsDir?: string;
  /** Extra user settings on top of `baseSettings`. */
  settings?: Record<string, unknown>;
  /** The user settings to start from (default TEST_SETTINGS). */
  baseSettings?: Record<string, unknown>;
  /** Keep the temp folders after stop (for debugging). */
  keep?: boolean;
  startTimeoutMs?: number;
}

export interface CodeServer {
  port: number;
  origin: string;
  /** Temp root holding the data folders and the workspace copy. */
  root: string;
  userDataDir: string;
  serverDataDir: string;
  extensionsDir: string;
  logFile: string;
  /** Copies test/fixtures/workspace into the temp root and returns the copy's path. */
  copyWorkspace(): string;
  /** The workbench URL; our extension logs at trace level unless `extensionLogLevel` says otherwise. */
  url(options: WorkbenchUrlOptions): string;
  /** Resolves with the exit code (or signal) when the server process ends. */
  exited: Promise<number | string>;
  stop(): Promise<void>;
}

export interface WorkbenchUrlOptions {
  folder: string;
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  /** Our extension's log level (the web client takes it from the payload); tests use 'trace'. */
  extensionLogLevel?: 'trace' | 'debug' | 'info';
}

/** The web client's URL; extension development/test paths go in the `payload` parameter. */
export function workbenchUrl(port: number, options: WorkbenchUrlOptions): string {
  const authority = `${HOST}:${port}`;
  const remote = (p: string) => `vscode-remote://${authority}${p.split(path.sep).join('/')}`;
  const payload: [string, string][] = [];
  if (options.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  if (options.extensionLogLevel) payload.push(['logLevel', `local-complete.local-complete:${options.extensionLogLevel}`]);
  payload.push(['skipWelcome', 'true']);
  return `http://${authority}/?folder=${encodeURIComponent(options.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Resolves once GET / answers (any status), or rejects when the process exits or time runs out. */
async function waitForHttp(port: number, child: cp.ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const text = tail(logFile);
      if (/EADDRINUSE/.test(text)) throw new Error(`Port ${port} on ${HOST} is already in use (code-server could not listen)`);
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before answering; log ${logFile}:\n${text}`);
    }
    const ok = await new Promise<boolean>((resolve) => {
      const request = http.get({ host: HOST, port, path: '/', timeout: 2000 }, (response) => {
        response.resume();
        resolve(true);
      });
      request.on('timeout', () => request.destroy());
      request.on('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for code-server on port ${port}; log ${logFile}:\n${tail(logFile)}`);
}

/** Kills a process group: SIGTERM, then SIGKILL after `graceMs`. */
async function killGroup(child: cp.ChildProcess, graceMs = 5000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + graceMs;
  while (alive() && Date.now() < deadline) await sleep(100);
  if (alive()) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

/**
 * Copies the extension host's logs (our extension's LogOutputChannel included) out of the
 * throw-away user data folder before it is removed.
 */
function saveExtensionLogs(userDataDir: string, into: string): void {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) return;
  fs.rmSync(into, { recursive: true, force: true });
  const wanted = (file: string) =>
    file.includes(`${path.sep}local-complete.local-complete${path.sep}`) || /(remoteexthost|exthost|remoteagent)\.log$/.test(file);
  for (const session of fs.readdirSync(logs)) {
    const base = path.join(logs, session);
    for (const file of fs.readdirSync(base, { recursive: true }) as string[]) {
      const full = path.join(base, file);
      if (!wanted(full) || !fs.statSync(full).isFile()) continue;
      const target = path.join(into, file.replace(/[\\/]/g, '__').replace(/ /g, '_'));
      fs.mkdirSync(into, { recursive: true });
      fs.copyFileSync(full, target);
    }
  }
}

export async function startCodeServer(options: ServerOptions): Promise<CodeServer> {
  installExitHandlers();
  ensureArtifacts();
  let port: number;
  if (options.port !== undefined) {
    await assertPortFree(options.port);
    port = options.port;
  } else {
    port = await findFreePort();
  }

  const root = fs.mkdtempSync(path.join(os.tmpdir(), `local-complete-${options.name}-`));
  const userDataDir = path.join(root, 'user-data');
  const serverDataDir = path.join(root, 'server-data');
  const extensionsDir = options.extensionsDir ?? path.join(root, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  const settings = { ...(options.baseSettings ?? TEST_SETTINGS), ...options.settings };
  // code-server keeps the web client's user settings in <user-data-dir>/User and the remote
  // machine's settings in <user-data-dir>/Machine.
  writeJson(path.join(userDataDir, 'User', 'settings.json'), settings);

  const logFile = path.join(ARTIFACTS, `${options.name}-server.log`);
  const logFd = fs.openSync(logFile, 'w');
  const args = [
    options.serverMain,
    '--host', HOST,
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--telemetry-level', 'off',
    '--server-data-dir', serverDataDir,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  log(`starting code-server on ${HOST}:${port} (log ${path.relative(REPO, logFile)})`);
  const child = cp.spawn(process.execPath, args, {
    detached: true, // own process group: stop() kills the extension host and pty host with it
    stdio: ['ignore', logFd, logFd],
    env: { ...process.env, VSCODE_CLI: undefined, ELECTRON_RUN_AS_NODE: undefined },
  });
  fs.closeSync(logFd);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));

  const removeTemp = () => {
    saveExtensionLogs(userDataDir, path.join(ARTIFACTS, `${options.name}-logs`));
    if (!options.keep) fs.rmSync(root, { recursive: true, force: true });
  };
  const syncKill = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    removeTemp();
  };
  cleanups.add(syncKill);

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await killGroup(child);
      cleanups.delete(syncKill);
      removeTemp();
      log(`code-server on port ${port} stopped`);
    })());

  try {
    await waitForHttp(port, child, logFile, options.startTimeoutMs ?? 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  log(`code-server answers on http://${HOST}:${port}/`);

  return {
    port,
    origin: `http://${HOST}:${port}`,
    root,
    userDataDir,
    serverDataDir,
    extensionsDir,
    logFile,
    copyWorkspace() {
      const target = path.join(root, 'workspace');
      fs.cpSync(FIXTURE_WORKSPACE, target, { recursive: true });
      return target;
    },
    url: (urlOptions) => workbenchUrl(port, { extensionLogLevel: 'trace', ...urlOptions }),
    exited,
    stop,
  };
}

/** Runs code-server's `--install-extension` for a .vsix into `extensionsDir`. */
export function installVsix(serverMain: string, vsix: string, extensionsDir: string): void {
  const result = cp.spawnSync(
    process.execPath,
    [serverMain, '--accept-server-license-terms', '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
    { encoding: 'utf8', timeout: 180_000, env: { ...process.env, VSCODE_CLI: undefined } },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.error || result.status !== 0) {
    throw new Error(`--install-extension ${vsix} failed (${result.error?.message ?? result.status}):\n${output}`);
  }
  log(output.split('\n').slice(-3).join(' | '));
}

// ---------------------------------------------------------------------------------------------
// Chromium

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Fails at once, with the fix, when Chromium is missing (runners call it before starting a server). */
export function assertChromium(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium`);
  }
}

export async function launchChromium(): Promise<Browser> {
  assertChromium();
  installExitHandlers();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  const browser = await withTimeout(
    chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 }),
    90_000,
    `launching ${CHROMIUM}`,
  );
  log(`Chromium ${browser.version()} launched`);
  return browser;
}

export interface Workbench {
  context: BrowserContext;
  page: Page;
  /** Resolves with the code passed to window.codeAutomationExit (extension tests' exit code). */
  exitCode: Promise<number>;
}

/**
 * Opens the workbench at `url` in a new browser context. The browser console goes to `consoleLog`
 * (and what `echo` returns for a line also to stdout).
 */
export async function openWorkbench(
  browser: Browser,
  url: string,
  options: { consoleLog: string; echo?: (line: string) => string | undefined },
): Promise<Workbench> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const out = fs.createWriteStream(options.consoleLog, { flags: 'w' });
  const write = (line: string) => {
    out.write(`${line}\n`);
    const echoed = options.echo?.(line);
    if (echoed !== undefined) process.stdout.write(`${echoed}\n`);
  };
  page.on('console', (message: ConsoleMessage) => write(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => write(`[pageerror] ${error.stack ?? error.message}`));
  page.on('crash', () => write('[crash] page crashed'));
  context.on('close', () => out.end());
  let resolveExit!: (code: number) => void;
  const exitCode = new Promise<number>((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code: number) => {
    write(`[codeAutomationExit] ${code}`);
    resolveExit(Number(code));
  });
  await page.goto(url, { timeout: 60_000, waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  return { context, page, exitCode };
}
