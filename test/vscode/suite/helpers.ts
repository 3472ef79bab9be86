/** Shared helpers of the extension-host suite (runs inside VS Code's extension host). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
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

let copies = 0;
let copyDir: string | undefined;

/**
 * Opens a fresh on-disk copy of `name` from the sample workspace (the fixture stays untouched; a
 * new file each time, so no two tests share a document) and puts the cursor on a new, indented
 * line after the first line that starts with `header`.
 */
export async function editorAfterHeader(name: string, header: string): Promise<vscode.TextEditor> {
  const text = Buffer.from(await vscode.workspace.fs.readFile(fixture(name))).toString('utf8');
  const line = text.split('\n').findIndex((l) => l.startsWith(header));
  assert.ok(line >= 0, `no line starting with "${header}" in ${name}`);
  copyDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'local-complete-suite-'));
  const ext = path.extname(name);
  const file = path.join(copyDir, `${path.basename(name, ext)}-${++copies}${ext}`);
  fs.writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  assert.strictEqual(doc.getText(), text, `${file} did not open with the fixture's text`);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const indent = doc.languageId === 'python' ? '    ' : '  ';
  await editor.edit((e) => e.insert(doc.lineAt(line).range.end, `\n${indent}`));
  const cursor = new vscode.Position(line + 1, indent.length);
  editor.selection = new vscode.Selection(cursor, cursor);
  return editor;
}

/**
 * Asks VS Code for inline suggestions at the cursor (as Alt+\ does) and waits until the extension
 * reports a finished completion newer than the one before.
 *
 * Asks again every few seconds: a request can be aborted by a newer engine request (the compare
 * view's runs), and VS Code does not ask a provider twice for the same document version and
 * position, so each retry first bumps the version (inserts and deletes a space).
 */
export async function triggerCompletion(a: LocalCompleteApi, timeoutMs = 90_000) {
  const before = a.lastResult();
  let asked = 0;
  return waitFor(async () => {
    const r = a.lastResult();
    if (r && r !== before) return r;
    if (Date.now() - asked > 5_000) {
      const editor = vscode.window.activeTextEditor;
      if (asked > 0 && editor) {
        const at = editor.selection.active;
        await editor.edit((e) => e.insert(at, ' '));
        await editor.edit((e) => e.delete(new vscode.Range(at, at.translate(0, 1))));
        editor.selection = new vscode.Selection(at, at);
      }
      asked = Date.now();
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    }
    return undefined;
  }, 'a completion from the provider', timeoutMs, 50).catch((error: Error) => {
    throw new Error(`${error.message}; ${describeWorkbench(a)}`);
  });
}

/** Where focus and editors are, for failure messages. */
export function describeWorkbench(a: LocalCompleteApi): string {
  const active = vscode.window.activeTextEditor;
  const groups = vscode.window.tabGroups.all.map(
    (g) => `${g.isActive ? '*' : ''}[${g.tabs.map((t) => `${t.isActive ? '>' : ''}${t.label}`).join(', ')}]`,
  );
  return [
    `state ${JSON.stringify(a.state()).slice(0, 200)}`,
    `active editor ${active ? `${active.document.uri.toString()} (${active.document.languageId}) at ${active.selection.active.line}:${active.selection.active.character}` : 'none'}`,
    `visible editors ${vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()).join(' ')}`,
    `tab groups ${groups.join(' ')}`,
    `window focused ${vscode.window.state.focused}`,
  ].join('; ');
}

/** Removes the documents editorAfterHeader wrote. */
export function removeCopies(): void {
  if (copyDir) fs.rmSync(copyDir, { recursive: true, force: true });
  copyDir = undefined;
}

/** Closes every editor without a save prompt: the test documents are throw-away copies. */
export async function closeAllEditors(): Promise<void> {
  await vscode.workspace.saveAll(false);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** A copy of the bundled model folder whose .onnx files (model.onnx and any variant) are garbage. */
export function corruptModelCopy(bundled: string, into: string): string {
  fs.cpSync(bundled, into, { recursive: true, filter: (src) => !src.includes(`${path.sep}recipe`) });
  const onnx = onnxFiles(into);
  assert.ok(onnx.length > 0, `no .onnx file in ${into}`);
  for (const file of onnx) fs.writeFileSync(file, Buffer.from('this is not an ONNX protobuf'.repeat(64)));
  return into;
}

function onnxFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.onnx'))
    .map((f) => path.join(dir, f));
}
