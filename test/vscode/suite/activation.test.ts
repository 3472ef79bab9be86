import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { COMMAND_IDS, EXTENSION_ID, api, extension, waitForReady } from './helpers';

suite('activation', () => {
  test(`${EXTENSION_ID} is installed and activates`, async () => {
    const ext = extension();
    assert.ok((ext.packageJSON.activationEvents as string[]).includes('onStartupFinished'));
    assert.ok(!(ext.packageJSON.activationEvents as string[]).includes('*'), 'activation must not be "*"');
    await api();
    assert.strictEqual(ext.isActive, true);
  });

  test('exports the test API { state, ready, lastResult, info }', async () => {
    const a = await api();
    for (const fn of ['state', 'ready', 'lastResult', 'info'] as const) {
      assert.strictEqual(typeof a[fn], 'function', `exports.${fn} is not a function`);
    }
    assert.ok(['loading', 'ready', 'busy', 'error', 'off'].includes(a.state().kind), `unknown state ${JSON.stringify(a.state())}`);
  });

  test('loads the bundled model in the background', async () => {
    const a = await api();
    await a.ready();
    await waitForReady(a);
    const info = a.info();
    assert.ok(info, 'info() is undefined after the model loaded');
    assert.strictEqual(path.resolve(info.dir), path.join(extension().extensionPath, 'models'));
    assert.ok(info.layers > 0 && info.vocabSize > 0 && info.contextLength > 0, JSON.stringify(info));
  });

  test('registers every command', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of COMMAND_IDS) assert.ok(all.has(id), `command ${id} is not registered`);
  });

  test('contributes every command to the palette as "Local Complete: …"', () => {
    const contributed = extension().packageJSON.contributes.commands as { command: string; title: string; category?: string }[];
    for (const id of COMMAND_IDS) {
      const c = contributed.find((x) => x.command === id);
      assert.ok(c, `${id} is not in contributes.commands`);
      const full = c.category ? `${c.category}: ${c.title}` : c.title;
      assert.match(full, /^Local Complete: /, `${id} has the title "${full}"`);
    }
  });
});
