import * as assert from 'assert';
import type { CompletionRequest, CompletionResult } from '../../../src/engine';
import { COMPARE_CONFIGS, Completer, runComparison } from '../../../src/vscode/compareRunner';

class FakeEngine implements Completer {
  calls: CompletionRequest[] = [];
  clears = 0;
  constructor(private readonly text: (req: CompletionRequest) => string) {}
  clearCache(): void {
    this.clears++;
  }
  async complete(req: CompletionRequest): Promise<CompletionResult> {
    this.calls.push(req);
    const warm = this.calls.length % 2 === 0 && req.reuseCache === true;
    return {
      text: this.text(req),
      tokens: [1, 2],
      stopReason: 'end-of-line',
      stats: {
        strategy: req.strategy ?? 'autoregressive',
        reuse: req.reuseCache ?? true,
        promptTokens: 100,
        reusedTokens: warm ? 99 : 0,
        computedTokens: warm ? 1 : 100,
        generatedTokens: 2,
        forwardPasses: req.strategy === 'parallel' ? 1 : 2,
        tokensPerPass: req.strategy === 'parallel' ? 2 : 1,
        ttftMs: 1,
        prefillMs: 1,
        decodeMs: 1,
        totalMs: warm ? 5 : 20,
        cacheBytes: 0,
        cacheBudgetBytes: 1,
      },
    };
  }
}

describe('runComparison', () => {
  it('runs four configurations twice, clearing the cache before each', async () => {
    const engine = new FakeEngine(() => 'same');
    const seen: number[] = [];
    const report = await runComparison(engine, { prefix: 'a', suffix: 'b', sampling: { temperature: 1, topP: 1, seed: 1 } }, (rows) =>
      seen.push(rows.length),
    );
    assert.strictEqual(engine.calls.length, 8);
    assert.strictEqual(engine.clears, 4);
    assert.deepStrictEqual(report.rows.map((r) => r.config.id), COMPARE_CONFIGS.map((c) => c.id));
    assert.deepStrictEqual(engine.calls.map((c) => `${c.strategy}/${c.reuseCache}`), [
      'autoregressive/true', 'autoregressive/true', 'autoregressive/false', 'autoregressive/false',
      'parallel/true', 'parallel/true', 'parallel/false', 'parallel/false',
    ]);
    assert.ok(engine.calls.every((c) => c.sampling === undefined && c.prefix === 'a'));
    assert.strictEqual(report.identical, true);
    assert.strictEqual(report.interrupted, false);
    assert.strictEqual(seen.length, 8);
  });
  it('reports differing outputs', async () => {
    const report = await runComparison(new FakeEngine((r) => r.strategy ?? ''), { prefix: '', suffix: '' });
    assert.strictEqual(report.identical, false);
    assert.strictEqual(report.distinctOutputs, 2);
  });
});
