import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  api, closeAllEditors, corruptModelCopy, editorAfterHeader, extension, resetSettings, setSetting, sleep, waitForReady, waitForState,
} from './helpers';

suite('a bad model folder', () => {
  let temp: string;
  suiteSetup(async () => {
    await waitForReady(await api());
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'local-complete-badmodel-'));
  });
  suiteTeardown(async () => {
    await resetSettings();
    await waitForReady(await api());
    await closeAllEditors();
    fs.rmSync(temp, { recursive: true, force: true });
  });

  async function expectErrorThenRecover(modelPath: string, reason: RegExp): Promise<void> {
    const a = await api();
    await setSetting('modelPath', modelPath);
    const state = await waitForState(a, ['error'], 60_000);
    assert.ok(state.kind === 'error');
    assert.match(state.reason, reason);
    assert.ok(state.detail.length > 0);
    assert.strictEqual(a.info(), undefined, 'info() must be undefined after a failed load');
    // The extension keeps running: commands work, a completion request is answered with nothing.
    assert.strictEqual(extension().isActive, true);
    await vscode.commands.executeCommand('localComplete.toggleCache');
    await vscode.commands.executeCommand('localComplete.toggleCache');
    await vscode.commands.executeCommand('localComplete.clearCache');
    const before = a.lastResult();
    await editorAfterHeader('sample.py', 'def fibonacci');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await sleep(1000);
    assert.strictEqual(a.lastResult(), before);
    assert.strictEqual(a.state().kind, 'error');
    // Back to the bundled model.
    await setSetting('modelPath', undefined);
    await waitForReady(a, 120_000);
    assert.ok(a.info());
  }

  test('a nonexistent folder → state "error", no crash, recovers', async () => {
    await expectErrorThenRecover(path.join(temp, 'does-not-exist'), /not found|missing|failed/i);
  });

  test('a corrupt model.onnx → state "error", no crash, recovers', async () => {
    const dir = corruptModelCopy(path.join(extension().extensionPath, 'models'), path.join(temp, 'corrupt'));
    await expectErrorThenRecover(dir, /corrupt|failed|incompatible/i);
  });
});
