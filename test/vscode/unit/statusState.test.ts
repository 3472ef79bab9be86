import * as assert from 'assert';
import type { CompletionStats } from '../../../src/engine';
import { StatusInputs, StatusState, deriveStatus, statusText, statusTooltip } from '../../../src/vscode/statusState';

const stats: CompletionStats = {
  strategy: 'autoregressive',
  reuse: true,
  promptTokens: 400,
  reusedTokens: 388,
  computedTokens: 12,
  generatedTokens: 10,
  forwardPasses: 11,
  tokensPerPass: 1,
  ttftMs: 12.4,
  prefillMs: 10.1,
  decodeMs: 27.6,
  totalMs: 38.2,
  cacheBytes: 12 * 1024 * 1024,
  cacheBudgetBytes: 256 * 1024 * 1024,
};

const inputs = (over: Partial<StatusInputs>): StatusInputs => ({
  enabled: true,
  engine: { kind: 'ready', model: 'tiny' },
  busy: false,
  strategy: 'autoregressive',
  reuse: true,
  ...over,
});

describe('status text', () => {
  const cases: [string, StatusState, string][] = [
    ['loading', { kind: 'loading', fraction: 0.4, message: 'tokenizer' }, '$(sync~spin) Local Complete 40%'],
    ['ready, nothing yet', { kind: 'ready', strategy: 'parallel', reuse: true }, '$(zap) Local Complete'],
    ['ready after a completion', { kind: 'ready', strategy: 'autoregressive', reuse: true, last: stats }, '$(zap) 38 ms · AR · 97% cached'],
    ['ready, strategy switched', { kind: 'ready', strategy: 'parallel', reuse: true, last: stats }, '$(zap) 38 ms · PR · 97% cached'],
    ['ready, cache off', { kind: 'ready', strategy: 'autoregressive', reuse: false, last: stats }, '$(zap) 38 ms · AR · no cache'],
    ['busy after a completion', { kind: 'busy', strategy: 'autoregressive', reuse: true, last: stats }, '$(loading~spin) 38 ms · AR · …'],
    ['busy, nothing yet', { kind: 'busy', strategy: 'autoregressive', reuse: true }, '$(loading~spin) Local Complete'],
    ['error', { kind: 'error', reason: 'model not found', detail: 'x' }, '$(error) Local Complete: model not found'],
    ['off', { kind: 'off' }, '$(circle-slash) Local Complete: off'],
  ];
  for (const [name, state, want] of cases) it(name, () => assert.strictEqual(statusText(state), want));

  it('tooltip breaks the latency down', () => {
    const tip = statusTooltip({ kind: 'ready', strategy: 'autoregressive', reuse: true, last: stats, model: 'tiny' });
    for (const part of ['Time to first token | 12 ms', 'Prefill | 10 ms', 'Decode | 28 ms', 'Tokens reused | 388', 'Tokens computed | 12', 'Tokens generated | 10', 'Forward passes | 11', 'Tokens per pass | 1.00', '12.0 MB / 256.0 MB']) {
      assert.ok(tip.includes(part), `missing ${part} in\n${tip}`);
    }
  });
  it('tooltip says when settings changed since the last completion', () => {
    assert.ok(statusTooltip({ kind: 'ready', strategy: 'parallel', reuse: true, last: stats }).includes('Settings changed'));
  });
});

describe('deriveStatus', () => {
  it('off wins over everything', () => {
    assert.strictEqual(deriveStatus(inputs({ enabled: false, engine: { kind: 'error', reason: 'r', detail: 'd' } })).kind, 'off');
  });
  it('follows the engine', () => {
    assert.deepStrictEqual(deriveStatus(inputs({ engine: { kind: 'idle' } })), { kind: 'loading', fraction: 0, message: 'Starting' });
    assert.strictEqual(deriveStatus(inputs({ engine: { kind: 'loading', fraction: 0.5, message: 'm' } })).kind, 'loading');
    assert.strictEqual(deriveStatus(inputs({ engine: { kind: 'error', reason: 'r', detail: 'd' } })).kind, 'error');
  });
  it('busy while generating, ready otherwise, with the current settings', () => {
    assert.strictEqual(deriveStatus(inputs({ busy: true })).kind, 'busy');
    const s = deriveStatus(inputs({ strategy: 'parallel', reuse: false, last: stats }));
    assert.deepStrictEqual(s, { kind: 'ready', strategy: 'parallel', reuse: false, last: stats, model: 'tiny' });
  });
});
