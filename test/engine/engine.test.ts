import * as assert from 'node:assert';
import { copyFileSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompletionEngine, CompletionRequest, ModelLoadError, InputError } from '../../src/engine';
import { MODEL_DIR, REPO, samplePrompts } from './helpers';

describe('CompletionEngine on the bundled model', function () {
  this.timeout(600_000);
  let engine: CompletionEngine;
  before(async () => {
    engine = await CompletionEngine.load({ modelDir: MODEL_DIR, threads: 2 });
  });
  after(async () => engine?.dispose());

  const run = (r: CompletionRequest) => engine.complete({ maxNewTokens: 24, ...r });

  it('reports what it loaded', () => {
    assert.ok(engine.info.layers > 0 && engine.info.kvHeads > 0 && engine.info.headDim > 0);
    assert.ok(engine.info.contextLength >= 1024);
    assert.strictEqual(engine.info.fim, true);
  });

  it('cached and uncached decoding give the same tokens over edit sequences', async () => {
    // Each sequence replays edits on one document; every state is completed with reuse
    // (warm cache from the previous state) and with the recompute baseline.
    for (const [i, p] of samplePrompts(6, 11).entries()) {
      const base = p.prefix;
      const states = [
        base,
        base + 'x', // append
        base + 'xy',
        base + 'xy(', // append punctuation (re-tokenizes the last token)
        base + 'x', // delete
        base.slice(0, Math.floor(base.length / 2)) + '\n# inserted\n' + base.slice(Math.floor(base.length / 2)), // middle edit
        base + '\nconst pasted = [1, 2, 3].map((v) => v * 2);\n', // paste
      ];
      for (const [j, prefix] of states.entries()) {
        const multiline = j % 2 === 1;
        const cached = await run({ prefix, suffix: p.suffix, strategy: 'autoregressive', reuseCache: true, multiline });
        const fresh = await run({ prefix, suffix: p.suffix, strategy: 'recompute', multiline });
        assert.deepStrictEqual(cached.tokens, fresh.tokens, `prompt ${i} state ${j}`);
        assert.strictEqual(cached.text, fresh.text);
        if (j > 0 && j !== 5) assert.ok(cached.stats.reusedTokens > 0, `state ${j} reused nothing`);
      }
    }
  });

  it('reuse runs only the new tokens after an append', async () => {
    const [p] = samplePrompts(1, 5);
    await run({ prefix: p.prefix, suffix: p.suffix });
    const r = await run({ prefix: p.prefix + 'a', suffix: p.suffix });
    assert.ok(r.stats.computedTokens <= 3, `computed ${r.stats.computedTokens}`);
    assert.strictEqual(r.stats.reusedTokens + r.stats.computedTokens, r.stats.promptTokens);
  });

  it('parallel refinement gives the same greedy output as autoregressive', async () => {
    let multi = 0;
    for (const [i, p] of samplePrompts(24, 3).entries()) {
      for (const blockSize of [2, 4, 8]) {
        const req = { prefix: p.prefix, suffix: p.suffix, multiline: i % 2 === 0, maxNewTokens: 32, blockSize };
        const ar = await run({ ...req, strategy: 'autoregressive', reuseCache: i % 3 !== 0 });
        const pr = await run({ ...req, strategy: 'parallel', reuseCache: i % 3 !== 1 });
        assert.deepStrictEqual(pr.tokens, ar.tokens, `prompt ${i} k=${blockSize}`);
        assert.ok(pr.stats.forwardPasses <= ar.stats.forwardPasses);
        if (pr.tokens.length > 2) multi++;
      }
    }
    assert.ok(multi > 0, 'some completions must be longer than two tokens for this test to mean anything');
  });

  it('sampling is deterministic per seed, and parallel sampling equals autoregressive sampling', async () => {
    const [p] = samplePrompts(1, 9);
    const sampling = { temperature: 0.9, topP: 0.95, seed: 7 };
    const a = await run({ ...p, sampling, multiline: true });
    const b = await run({ ...p, sampling, multiline: true, strategy: 'parallel' });
    assert.deepStrictEqual(a.tokens, b.tokens);
    const seeds = new Set<string>();
    for (let s = 0; s < 6; s++) seeds.add((await run({ ...p, multiline: true, sampling: { ...sampling, seed: s } })).text);
    assert.ok(seeds.size > 1, 'different seeds should give different samples');
  });

  it('an abort returns within one step', async () => {
    const [p] = samplePrompts(1, 21);
    const ac = new AbortController();
    const pending = engine.complete({ ...p, maxNewTokens: 200, multiline: true, signal: ac.signal });
    ac.abort();
    const r = await pending;
    assert.strictEqual(r.stopReason, 'aborted');
    assert.ok(r.stats.forwardPasses <= 2, `ran ${r.stats.forwardPasses} passes after the abort`);
  });

  it('a newer request aborts the older one; only the newest waiting request runs', async () => {
    const ps = samplePrompts(3, 31);
    const results = await Promise.all(ps.map((p) => engine.complete({ ...p, maxNewTokens: 200, multiline: true })));
    assert.strictEqual(results[0].stopReason, 'aborted');
    assert.strictEqual(results[1].stopReason, 'aborted');
    assert.notStrictEqual(results[2].stopReason, 'aborted');
  });

  it('keeps cache bytes within a small budget', async () => {
    const e = await CompletionEngine.load({ modelDir: MODEL_DIR, cacheBudgetBytes: 4 * 1024 * 1024 });
    try {
      for (const p of samplePrompts(12, 44)) await e.complete({ ...p, maxNewTokens: 8 });
      assert.ok(e.cacheInfo().entries > 0);
      assert.ok(e.cachePeakBytes() <= 4 * 1024 * 1024, `peak ${e.cachePeakBytes()}`);
      e.setCacheBudget(64 * 1024);
      assert.ok(e.cacheInfo().bytes <= 64 * 1024);
    } finally {
      await e.dispose();
    }
  });

  describe('bad input', () => {
    it('an empty document completes', async () => {
      const r = await run({ prefix: '', suffix: '' });
      assert.ok(typeof r.text === 'string');
      assert.ok(r.stats.promptTokens > 0);
    });

    it('a prompt longer than the context is windowed near the cursor', async () => {
      const big = 'let value_' + Array.from({ length: 5000 }, (_, i) => `${i} = ${i};\n`).join('let value_');
      const r = await run({ prefix: big, suffix: big });
      assert.ok(r.stats.promptTokens + r.tokens.length <= engine.info.contextLength);
    });

    it('a 10 MB file and a 50,000-character minified line', async () => {
      const tenMb = 'def f(x):\n    return x\n'.repeat(440_000);
      assert.ok(tenMb.length > 10_000_000);
      const r = await run({ prefix: tenMb, suffix: tenMb });
      assert.ok(r.stats.promptTokens <= engine.info.contextLength);
      const line = 'var a=' + 'b+'.repeat(25_000) + 'c;';
      const m = await run({ prefix: line, suffix: line });
      assert.ok(m.stats.promptTokens <= engine.info.contextLength);
    });

    it('binary content gets a clear error and the engine keeps working', async () => {
      await assert.rejects(run({ prefix: 'abc\u0000\u0001\u0002', suffix: '' }), (e: Error) => e instanceof InputError && /binary/.test(e.message));
      const r = await run({ prefix: 'def f():\n    ', suffix: '' });
      assert.ok(typeof r.text === 'string');
    });
  });
});

describe('model loading errors', function () {
  this.timeout(60_000);
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'lc-model-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  const expectLoadError = async (dir: string, kind: string, pattern: RegExp) =>
    assert.rejects(CompletionEngine.load({ modelDir: dir }), (e: Error) => {
      assert.ok(e instanceof ModelLoadError, `${e}`);
      assert.strictEqual(e.kind, kind);
      assert.match(e.message, pattern);
      return true;
    });

  it('missing folder names the path', () => expectLoadError(join(tmp, 'nope'), 'missing', /model folder not found.*nope/));

  it('missing ONNX file names what it looked for', () => expectLoadError(tmp, 'missing', /no ONNX model found/));

  it('missing tokenizer.json', async () => {
    mkdirSync(join(tmp, 'onnx'));
    copyFileSync(join(MODEL_DIR, 'onnx', 'model.onnx'), join(tmp, 'onnx', 'model.onnx'));
    copyFileSync(join(MODEL_DIR, 'config.json'), join(tmp, 'config.json'));
    await expectLoadError(tmp, 'missing', /tokenizer\.json not found/);
  });

  it('corrupt ONNX file gives the path and the cause', async () => {
    mkdirSync(join(tmp, 'onnx'));
    copyFileSync(join(MODEL_DIR, 'config.json'), join(tmp, 'config.json'));
    copyFileSync(join(MODEL_DIR, 'tokenizer.json'), join(tmp, 'tokenizer.json'));
    writeFileSync(join(tmp, 'onnx', 'model.onnx'), Buffer.from('this is not a protobuf at all'));
    await expectLoadError(tmp, 'corrupt', /onnxruntime cannot load the model.*model\.onnx/);
  });

  it('corrupt config.json', async () => {
    mkdirSync(join(tmp, 'onnx'));
    copyFileSync(join(MODEL_DIR, 'onnx', 'model.onnx'), join(tmp, 'onnx', 'model.onnx'));
    copyFileSync(join(MODEL_DIR, 'tokenizer.json'), join(tmp, 'tokenizer.json'));
    writeFileSync(join(tmp, 'config.json'), '{ "vocab_size": ');
    await expectLoadError(tmp, 'corrupt', /config\.json is not valid JSON/);
  });

  it('an ONNX model without a KV cache names the missing inputs and outputs', async () => {
    copyFileSync(join(REPO, 'test', 'fixtures', 'incompatible-model', 'model.onnx'), join(tmp, 'model.onnx'));
    copyFileSync(join(MODEL_DIR, 'config.json'), join(tmp, 'config.json'));
    copyFileSync(join(MODEL_DIR, 'tokenizer.json'), join(tmp, 'tokenizer.json'));
    await expectLoadError(tmp, 'incompatible', /missing inputs past_key_values/);
  });
});
