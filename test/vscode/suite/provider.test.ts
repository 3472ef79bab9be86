import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, closeAllEditors, editorAfterHeader, resetSettings, setSetting, triggerCompletion, waitFor, waitForReady } from './helpers';

suite('inline completion provider', () => {
  suiteSetup(async () => waitForReady(await api()));
  teardown(resetSettings);
  suiteTeardown(closeAllEditors);

  for (const [file, header] of [['sample.ts', 'export function fibonacci'], ['sample.py', 'def fibonacci']] as const) {
    test(`${file}: a completion from the bundled model, shown and accepted`, async () => {
      const a = await api();
      const editor = await editorAfterHeader(file, header);
      const result = await triggerCompletion(a);
      assert.strictEqual(typeof result.text, 'string');
      assert.ok(result.tokens.length > 0 && result.stats.generatedTokens > 0, `no tokens generated: ${JSON.stringify(result.stats)}`);
      assert.ok(result.stats.promptTokens > 0 && result.stats.forwardPasses > 0, JSON.stringify(result.stats));
      // Accepting the shown suggestion puts text at the cursor. The suggestion can be empty after
      // post-processing at one exact spot; then type a character and ask again, as a user would.
      for (const next of ['', 'n', ' ', 'x']) {
        if (next) {
          await editor.edit((e) => e.insert(editor.selection.active, next));
          await triggerCompletion(a);
        }
        const before = editor.document.getText();
        const inserted = await waitFor(async () => {
          await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
          return editor.document.getText() !== before;
        }, 'editor.action.inlineSuggest.commit to insert the suggestion', 5_000, 250).catch(() => false);
        if (inserted) return;
      }
      assert.fail('no suggestion was shown (and accepted) at four cursor positions');
    });
  }

  test('the settings reach the engine: strategy and cache reuse in the stats', async () => {
    const a = await api();
    for (const [strategy, reuse] of [['autoregressive', false], ['parallel', true]] as const) {
      await setSetting('strategy', strategy);
      await setSetting('cacheReuse', reuse);
      await vscode.commands.executeCommand('localComplete.clearCache');
      await editorAfterHeader('sample.py', 'def add');
      const result = await triggerCompletion(a);
      assert.strictEqual(result.stats.strategy, strategy);
      assert.strictEqual(result.stats.reuse, reuse);
      if (!reuse) assert.strictEqual(result.stats.reusedTokens, 0);
    }
  });

  test('a second request further down the same file reuses the KV cache', async () => {
    const a = await api();
    await vscode.commands.executeCommand('localComplete.clearCache');
    await editorAfterHeader('sample.ts', 'export function add');
    await triggerCompletion(a);
    // Another site (a remembered suggestion would answer the same site without the model).
    await editorAfterHeader('sample.ts', 'export function fibonacci');
    const second = await triggerCompletion(a);
    assert.ok(second.stats.reusedTokens > 0, `nothing reused: ${JSON.stringify(second.stats)}`);
  });

  test('no completion while completions are off', async () => {
    const a = await api();
    await setSetting('enable', false);
    await editorAfterHeader('sample.ts', 'export function add');
    const before = a.lastResult();
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await new Promise((r) => setTimeout(r, 1500));
    assert.strictEqual(a.lastResult(), before);
  });
});
