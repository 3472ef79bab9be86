import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  api, closeAllEditors, config, editorAfterHeader, resetSettings, sleep, waitFor, waitForReady, waitForState,
} from './helpers';

const run = (id: string, ...args: unknown[]) => vscode.commands.executeCommand(id, ...args);

/** Runs a command that shows a quick pick, then dismisses the pick; resolves when the command does. */
async function runAndDismissPick(id: string): Promise<void> {
  const done = run(id);
  await sleep(500);
  await run('workbench.action.closeQuickOpen');
  await done;
}

suite('commands', () => {
  suiteSetup(async () => waitForReady(await api()));
  teardown(resetSettings);
  suiteTeardown(closeAllEditors);

  test('toggleEnabled turns completions off and on', async () => {
    const a = await api();
    await run('localComplete.toggleEnabled');
    assert.strictEqual(config().get('enable'), false);
    await waitForState(a, ['off'], 10_000);
    await run('localComplete.toggleEnabled');
    assert.strictEqual(config().get('enable'), true);
    await waitForReady(a, 10_000);
  });

  test('toggleCache flips KV cache reuse and the state follows', async () => {
    const a = await api();
    const before = config().get<boolean>('cacheReuse');
    await run('localComplete.toggleCache');
    assert.strictEqual(config().get('cacheReuse'), !before);
    await waitFor(() => { const s = a.state(); return s.kind === 'ready' && s.reuse === !before; }, 'reuse flipped', 10_000);
    await run('localComplete.toggleCache');
    assert.strictEqual(config().get('cacheReuse'), before);
  });

  test('selectStrategy sets the strategy (argument), and a dismissed pick changes nothing', async () => {
    const a = await api();
    for (const strategy of ['autoregressive', 'parallel'] as const) {
      await run('localComplete.selectStrategy', strategy);
      assert.strictEqual(config().get('strategy'), strategy);
      await waitFor(() => { const s = a.state(); return s.kind === 'ready' && s.strategy === strategy; }, `strategy ${strategy}`, 10_000);
    }
    await runAndDismissPick('localComplete.selectStrategy');
    assert.strictEqual(config().get('strategy'), 'parallel');
  });

  test('showMenu opens a quick pick that can be dismissed', async () => {
    await runAndDismissPick('localComplete.showMenu');
  });

  test('compareStrategies opens the compare view for the cursor', async () => {
    await editorAfterHeader('sample.py', 'def fibonacci');
    await run('localComplete.compareStrategies');
    const tab = await waitFor(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview),
      'a webview tab',
      60_000,
    );
    assert.match(tab.label, /Compare Strategies/);
    await vscode.window.tabGroups.close(tab);
  });

  test('clearCache runs in the ready state', async () => {
    const a = await api();
    await run('localComplete.clearCache');
    assert.strictEqual(a.state().kind, 'ready');
  });

  test('showLog shows the extension\'s log channel', async () => {
    await run('localComplete.showLog');
    try {
      await waitFor(
        () => vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'output' && /Local Complete/i.test(e.document.uri.path)),
        'the Local Complete output channel in the panel',
        15_000,
      );
    } finally {
      // The panel takes focus; give it back to the editors for the tests that follow.
      await run('workbench.action.closePanel');
      await run('workbench.action.focusActiveEditorGroup');
    }
  });
});
