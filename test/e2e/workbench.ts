/**
 * Page helpers for driving the VS Code workbench (code-server web client) with playwright-core.
 * Selectors are VS Code 1.99's DOM: quick input, status bar, editor tabs and inline ghost text.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS, log } from '../run/codeServer';

const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

/** Non-breaking spaces (how the editor renders spaces) to plain spaces. */
export function normalize(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

/** Text without any whitespace: compares editor text with file text regardless of rendering. */
export function squash(text: string): string {
  return normalize(text).replace(/\s+/g, '');
}

let shot = 0;
/** Saves .test-artifacts/<prefix>-NN-<name>.png. */
export async function screenshot(page: Page, prefix: string, name: string): Promise<void> {
  shot++;
  const file = path.join(ARTIFACTS, `${prefix}-${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file }).catch((error) => log(`screenshot ${name} failed: ${error}`));
}

export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

async function openQuickInput(page: Page, key: string): Promise<Locator> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  // Close whatever quick input is open, then open ours.
  if (await quickInput(page).isVisible()) await page.keyboard.press('Escape');
  await page.keyboard.press(key);
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  return input;
}

/** Picks the quick-input row whose label matches `label` (a click, not a fuzzy Enter). */
export async function pickRow(page: Page, label: string | RegExp, timeout = 15_000): Promise<void> {
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout });
  await row.click();
}

/** Runs a command through the command palette (F1) by its full title, e.g. "Local Complete: Show Log". */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = await openQuickInput(page, 'F1');
  await input.fill(`>${title}`);
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) })
    .first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Opens a workspace file through Quick Open (Ctrl+P) and waits until its editor tab is active. */
export async function openFile(page: Page, name: string): Promise<void> {
  const input = await openQuickInput(page, `${MOD}+P`);
  await input.fill(name);
  await pickRow(page, name);
  await page
    .locator('.tabs-container .tab.active', { hasText: name })
    .waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator('.editor-instance .monaco-editor textarea').first().waitFor({ state: 'attached', timeout: 15_000 });
}

/** Moves the cursor to the end of 1-based line `line` of the active editor (Ctrl+G, End). */
export async function gotoLineEnd(page: Page, line: number): Promise<void> {
  const input = await openQuickInput(page, `${MOD}+G`);
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden', timeout: 10_000 });
  await page.keyboard.press('End');
}

/** 1-based number of the first line of `file` that starts with `prefix`. */
export function lineOf(file: string, prefix: string): number {
  const index = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith(prefix));
  assert.ok(index >= 0, `no line starting with "${prefix}" in ${file}`);
  return index + 1;
}

export function ghostText(page: Page): Locator {
  return page.locator('.monaco-editor .ghost-text-decoration');
}

/**
 * Waits for inline ghost text in the active editor and returns its part on the cursor line
 * (`.ghost-text-decoration`; further lines of a multi-line suggestion render in a view zone).
 */
export async function waitForGhost(page: Page, timeout = 90_000): Promise<string> {
  await ghostText(page).first().waitFor({ state: 'visible', timeout });
  return normalize((await ghostText(page).allTextContents()).join(''));
}

/** Types `text` at the cursor, key by key, as a user would. */
export async function type(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 40 });
}

/** Saves the active editor (Ctrl+S) and waits until its tab is no longer dirty. */
export async function save(page: Page): Promise<void> {
  await page.keyboard.press(`${MOD}+S`);
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 15_000 });
}

/** The status bar's latency readout, e.g. "38 ms · AR · 97% cached"; group 1 is the strategy. */
export const LATENCY = /\d+ ms · (AR|PR)/;

/** The Local Complete status bar item (whatever state it shows). */
export function statusItem(page: Page): Locator {
  return page
    .locator('.statusbar-item')
    .filter({ hasText: /Local Complete|\d+ ms ·/ })
    .first();
}

export async function statusText(page: Page): Promise<string> {
  return normalize((await statusItem(page).innerText({ timeout: 10_000 })).trim());
}

/** Polls the status bar item until its text matches `pattern`; returns the text. */
export async function waitForStatus(page: Page, pattern: RegExp, timeout = 60_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = await statusText(page).catch(() => '');
    if (pattern.test(last)) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`status bar never matched ${pattern} within ${timeout / 1000} s; last text: "${last}"`);
}

/** Waits until the model has loaded: the status bar leaves its loading state (error fails). */
export async function waitForModelReady(page: Page, timeout = 180_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    const item = statusItem(page);
    if (await item.count()) {
      last = normalize((await item.innerText().catch(() => '')).trim());
      if (await item.locator('.codicon-error').count()) throw new Error(`the extension reports an error: "${last}"`);
      if (/^Local Complete: off/.test(last)) throw new Error('completions are off');
      if (last && !(await item.locator('.codicon-sync, .codicon-loading').count())) return last;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`the model did not load within ${timeout / 1000} s; status bar: "${last}"`);
}

/**
 * At the end of `header` in workspace file `file`: presses Enter, types `typed`, waits for ghost
 * text, accepts it with Tab, saves, and checks that the file on disk now holds the typed text
 * followed by the suggestion's first line (whitespace aside). Returns that first line.
 *
 * A model may have nothing to suggest at one exact spot (the suggestion can be empty after
 * post-processing), and see below, so when no ghost text shows, it types one more character of
 * `more` and waits again, as a user would.
 */
export async function completeAfterHeader(
  page: Page,
  options: { workspace: string; file: string; header: string; typed: string; more?: string; prefix: string },
): Promise<string> {
  const file = path.join(options.workspace, options.file);
  await openFile(page, options.file);
  await gotoLineEnd(page, lineOf(file, options.header));
  await page.keyboard.press('Enter');
  let typed = options.typed;
  await type(page, typed);
  // Seen in about one fresh window in four with the installed .vsix: VS Code sends no inline
  // completion request for the first keystrokes after the window opened (none reaches the
  // provider; an explicit Alt+\ at the same spot doesn't either). The next keystroke does.
  let ghost = await waitForGhost(page, 30_000).catch(() => '');
  for (const next of options.more ?? 'n x') {
    if (ghost.trim()) break;
    log(`${options.file}: no suggestion after ${JSON.stringify(typed)}; typing ${JSON.stringify(next)}`);
    await screenshot(page, options.prefix, `${path.extname(options.file).slice(1)}-no-suggestion`);
    typed += next;
    await type(page, next);
    ghost = await waitForGhost(page, 30_000).catch(() => '');
  }
  await screenshot(page, options.prefix, `${path.extname(options.file).slice(1)}-ghost-text`);
  assert.ok(ghost.trim().length > 0, `no ghost text after typing ${JSON.stringify(typed)}`);
  log(`${options.file}: suggestion ${JSON.stringify(ghost)}`);
  await page.keyboard.press('Tab');
  await ghostText(page).first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await screenshot(page, options.prefix, `${path.extname(options.file).slice(1)}-accepted`);
  await save(page);
  const saved = squash(fs.readFileSync(file, 'utf8'));
  assert.ok(
    saved.includes(squash(typed + ghost)),
    `${options.file} does not contain the typed text followed by the accepted suggestion ${JSON.stringify(ghost)}:\n${fs.readFileSync(file, 'utf8')}`,
  );
  return ghost;
}
