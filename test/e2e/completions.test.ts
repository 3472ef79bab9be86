/**
 * Browser end-to-end: ghost text from the bundled model in a TypeScript and a Python file,
 * accepted with Tab, and the status bar's latency readout.
 */
import * as assert from 'assert';
import { session } from './session';
import { LATENCY, completeAfterHeader, screenshot, statusText, waitForModelReady, waitForStatus } from './workbench';

describe('inline completions in the browser', function () {
  this.timeout(240_000);

  it('loads the bundled model (status bar leaves loading)', async () => {
    const { page } = session();
    const text = await waitForModelReady(page);
    await screenshot(page, 'e2e', 'model-ready');
    assert.ok(!/off|error/i.test(text), `unexpected status "${text}"`);
  });

  it('TypeScript: typing shows ghost text; Tab puts it in the document', async () => {
    const { page, workspace } = session();
    await completeAfterHeader(page, {
      workspace, file: 'sample.ts', header: 'export function fibonacci', typed: 'if (', prefix: 'e2e',
    });
  });

  it('shows a latency readout in the status bar', async () => {
    const { page } = session();
    const text = await waitForStatus(page, LATENCY, 30_000);
    await screenshot(page, 'e2e', 'status-latency');
    assert.match(text, LATENCY);
  });

  it('Python: typing shows ghost text; Tab puts it in the document', async () => {
    const { page, workspace } = session();
    await completeAfterHeader(page, {
      workspace, file: 'sample.py', header: 'def fibonacci', typed: 'if ', prefix: 'e2e',
    });
    assert.match(await statusText(page), LATENCY);
  });
});
