/** Shared helpers of the extension-host suite (runs inside VS Code's extension host). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LocalCompleteApi, StatusState } from '../../../src/vscode/api';

export type { LocalCompleteApi, StatusState };

export const EXTENSION_ID = 'local-complete.local-complete';
export const SECTION = 'localComplete';
const REPO = path.resolve(__dirname, '..', '..', '..', '..');

export const COMMAND_IDS = [
  'localComplete.toggleEnabled',
  'localComplete.toggleCache',
  'localComplete.selectStrategy',
  'localComplete.compareStrategies',
  'localComplete.clearCache',
  'localComplete.showLog',
  'localComplete.showMenu',
] as const;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function extension(): vscode.Extension<LocalCompleteApi> {
  const ext = vscode.extensions.getExtension<LocalCompleteApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return ext;
}

/** Activates the extension (if needed) and returns its test API. */
export async function api(): Promise<LocalCompleteApi> {
  const ext = extension();
  return ext.isActive ? ext.exports : await ext.activate();
}

/** Polls `probe` until it returns a truthy value; fails with `what` and the last value after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 60_000, everyMs = 100): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** Waits for a state of one of `kinds` and returns it. */
export async function waitForState(a: LocalCompleteApi, kinds: StatusState['kind'][], timeoutMs = 120_000): Promise<StatusState> {
  return waitFor(() => (kinds.includes(a.state().kind) ? a.state() : undefined), `state ${kinds.join('|')} (now ${JSON.stringify(a.state())})`, timeoutMs);
}

/** Waits until the model is loaded and the state is ready; fails fast on an error state. */
export async function waitForReady(a: LocalCompleteApi, timeoutMs = 180_000): Promise<void> {
  const state = await waitForState(a, ['ready', 'error', 'off'], timeoutMs);
  assert.strictEqual(state.kind, 'ready', `expected ready, got ${JSON.stringify(state)}`);
}

export function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

/** Sets a user (global) setting of ours; `undefined` removes it. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await config().update(key, value, vscode.ConfigurationTarget.Global);
}

/** Removes every user setting of ours that a test may have set, except the harness's debounce. */
export async function resetSettings(): Promise<void> {
  for (const key of ['enable', 'modelPath', 'strategy', 'cacheReuse', 'multiline', 'languages', 'maxNewTokens']) {
    if (config().inspect(key)?.globalValue !== undefined) await setSetting(key, undefined);
  }
}

/** The sample workspace file: from the open workspace folder, else from the repository's fixture. */
export function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, name) : vscode.Uri.file(path.join(REPO, 'test', 'fixtures', 'workspace', name));
}

/**
 * Opens `name` from the sample workspace as an untitled copy (the fixture stays untouched) and
 * puts the cursor on a new, indented line after the first line that starts with `header`.
 */
export async function editorAfterHeader(name: string, header: string): Promise<vscode.TextEditor> {
  const source = await vscode.workspace.openTextDocument(fixture(name));
  const doc = await vscode.workspace.openTextDocument({ language: source.languageId, content: source.getText() });
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const line = source.getText().split('\n').findIndex((l) => l.startsWith(header));
  assert.ok(line >= 0, `no line starting with "${header}" in ${name}`);
  const end = doc.lineAt(line).range.end;
  const indent = source.languageId === 'python' ? '    ' : '  ';
  await editor.edit((e) => e.insert(end, `\n${indent}`));
  const cursor = new vscode.Position(line + 1, indent.length);
  editor.selection = new vscode.Selection(cursor, cursor);
  return editor;
}

/**
 * Asks VS Code for inline suggestions at the cursor (as Alt+\ does) and waits until the extension
 * reports a finished completion newer than the one before.
 */
export async function triggerCompletion(a: LocalCompleteApi, timeoutMs = 90_000) {
  const before = a.lastResult();
  await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  return waitFor(() => {
    const r = a.lastResult();
    return r && r !== before ? r : undefined;
  }, 'a completion from the provider', timeoutMs, 50);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** A copy of the bundled model folder whose model.onnx is garbage. */
export function corruptModelCopy(bundled: string, into: string): string {
  fs.cpSync(bundled, into, { recursive: true, filter: (src) => !src.includes(`${path.sep}recipe`) });
  const onnx = findOnnx(into);
  assert.ok(onnx, `no .onnx file in ${into}`);
  fs.writeFileSync(onnx, Buffer.from('this is not an ONNX protobuf'.repeat(64)));
  return into;
}

function findOnnx(dir: string): string | undefined {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findOnnx(p);
      if (found) return found;
    } else if (entry.name.endsWith('.onnx')) {
      return p;
    }
  }
  return undefined;
}
