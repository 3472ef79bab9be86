import * as assert from 'assert';
import { api, resetSettings, setSetting, waitFor, waitForReady, waitForState } from './helpers';

suite('configuration', () => {
  suiteSetup(async () => waitForReady(await api()));
  teardown(resetSettings);

  test('localComplete.strategy: the state follows autoregressive ↔ parallel', async () => {
    const a = await api();
    for (const strategy of ['autoregressive', 'parallel', 'autoregressive'] as const) {
      await setSetting('strategy', strategy);
      await waitFor(() => {
        const s = a.state();
        return s.kind === 'ready' && s.strategy === strategy;
      }, `state strategy ${strategy}`, 10_000);
    }
  });

  test('localComplete.cacheReuse: the state follows', async () => {
    const a = await api();
    await setSetting('cacheReuse', false);
    await waitFor(() => { const s = a.state(); return s.kind === 'ready' && !s.reuse; }, 'reuse off', 10_000);
    await setSetting('cacheReuse', true);
    await waitFor(() => { const s = a.state(); return s.kind === 'ready' && s.reuse; }, 'reuse on', 10_000);
  });

  test('localComplete.enable false → state "off"; true → ready again without a reload', async () => {
    const a = await api();
    const info = a.info();
    await setSetting('enable', false);
    await waitForState(a, ['off'], 10_000);
    await setSetting('enable', true);
    await waitForReady(a, 10_000);
    assert.strictEqual(a.info(), info, 'toggling enable must not reload the model');
  });

  test('an invalid value falls back to the default instead of breaking', async () => {
    const a = await api();
    await setSetting('strategy', 'no-such-strategy');
    await sleepThenReady(a);
    const s = a.state();
    assert.ok(s.kind === 'ready' && (s.strategy === 'parallel' || s.strategy === 'autoregressive'), JSON.stringify(s));
  });
});

async function sleepThenReady(a: Awaited<ReturnType<typeof api>>): Promise<void> {
  await new Promise((r) => setTimeout(r, 300));
  await waitForReady(a, 10_000);
}
