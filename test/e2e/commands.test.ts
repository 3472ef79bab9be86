/**
 * Browser end-to-end: the command palette switches the strategy and the cache, the status bar
 * follows, and the compare view opens.
 */
import * as assert from 'assert';
import { session } from './session';
import { LATENCY, pickRow, runCommand, screenshot, statusText, waitForModelReady, waitForStatus } from './workbench';

describe('command palette', function () {
  this.timeout(180_000);

  before(async () => {
    const { page } = session();
    await waitForModelReady(page);
    // The readout shows the strategy once a completion has run (completions.test.ts ran one).
    await waitForStatus(page, LATENCY, 60_000);
  });

  it('"Select Decoding Strategy" switches AR ↔ PR and the status bar follows', async () => {
    const { page } = session();
    const before = LATENCY.exec(await statusText(page))![1];
    const [target, label] = before === 'AR' ? ['PR', /Parallel/i] : ['AR', /Autoregressive/i];
    await runCommand(page, 'Local Complete: Select Decoding Strategy');
    await screenshot(page, 'e2e', 'strategy-pick');
    await pickRow(page, label);
    await waitForStatus(page, new RegExp(`\\d+ ms · ${target}\\b`), 15_000);
    await screenshot(page, 'e2e', `strategy-${target}`);
    // And back.
    await runCommand(page, 'Local Complete: Select Decoding Strategy');
    await pickRow(page, before === 'AR' ? /Autoregressive/i : /Parallel/i);
    await waitForStatus(page, new RegExp(`\\d+ ms · ${before}\\b`), 15_000);
  });

  it('"Toggle KV Cache Reuse" shows and hides "no cache"', async () => {
    const { page } = session();
    assert.doesNotMatch(await statusText(page), /no cache/);
    await runCommand(page, 'Local Complete: Toggle KV Cache Reuse');
    await waitForStatus(page, /no cache/, 15_000);
    await screenshot(page, 'e2e', 'cache-off');
    await runCommand(page, 'Local Complete: Toggle KV Cache Reuse');
    const text = await waitForStatus(page, /^(?!.*no cache)/, 15_000);
    await screenshot(page, 'e2e', 'cache-on');
    assert.doesNotMatch(text, /no cache/);
  });

  it('"Compare Strategies at Cursor" opens the compare view', async () => {
    const { page } = session();
    await page.locator('.editor-instance .monaco-editor').first().click();
    await page.keyboard.press('Control+End');
    await runCommand(page, 'Local Complete: Compare Strategies at Cursor');
    await page
      .locator('.tabs-container .tab', { hasText: /Compare Strategies/ })
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('iframe.webview').first().waitFor({ state: 'attached', timeout: 30_000 });
    // The view fills its summary once both strategies have run.
    const deadline = Date.now() + 120_000;
    let summary = '';
    while (Date.now() < deadline) {
      for (const frame of page.frames()) {
        const text = await frame.locator('#summary').innerText({ timeout: 500 }).catch(() => '');
        if (text) summary = text;
      }
      if (summary && !/Running/.test(summary)) break;
      await page.waitForTimeout(500);
    }
    await screenshot(page, 'e2e', 'compare-view');
    assert.ok(summary && !/Running/.test(summary), `the compare view never finished (summary: "${summary}")`);
  });
});
