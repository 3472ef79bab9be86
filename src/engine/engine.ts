import { CodeTokenizer } from './tokenizer';
import { ModelConfig, readModelConfig } from './modelConfig';
import { ModelSession } from './modelSession';
import { PrefixCache } from './prefixCache';
import { truncateKv } from './kvState';
import { InputError, ModelLoadError } from './errors';
import { buildPrompt, maxNewTokensFor } from './promptTokens';
import { decodeLoop } from './decodeLoop';
import { argmax, sampleNucleus, seededRandom } from './sampling';
import { StopCriterion, endOfBlock, endOfLine, firstStop, maxTokens, stopTokens } from './stopping';
import { CacheInfo, CompletionRequest, CompletionResult, CompletionStats, EngineOptions, ModelInfo, StopReason } from './types';
import { basename } from 'node:path';

const DEFAULT_BUDGET = 256 * 1024 * 1024;

/**
 * Owns the model session and the prefix cache. One generation runs at a time; a newer
 * request aborts the older one at its next forward pass, and only the newest waiting
 * request proceeds (no queue).
 */
export class CompletionEngine {
  private readonly cache: PrefixCache;
  private running: Promise<unknown> = Promise.resolve();
  private current: AbortController | null = null;
  private ticket = 0;
  private disposed = false;

  private constructor(
    readonly info: ModelInfo,
    private readonly tokenizer: CodeTokenizer,
    private readonly config: ModelConfig,
    private readonly session: ModelSession,
    budget: number,
  ) {
    this.cache = new PrefixCache(budget);
  }

  static async load(opts: EngineOptions, onProgress?: (fraction: number, message: string) => void): Promise<CompletionEngine> {
    const dir = opts.modelDir;
    onProgress?.(0.05, 'checking model files');
    ModelSession.findModelFile(dir, opts.onnxFile); // fail early, with the path, before slower steps
    onProgress?.(0.1, 'loading tokenizer');
    const tokenizer = CodeTokenizer.load(dir);
    const config = readModelConfig(dir, (t) => tokenizer.tokenId(t));
    onProgress?.(0.3, 'loading ONNX model');
    const session = await ModelSession.load(dir, config.vocabSize, {
      threads: opts.threads,
      onnxFile: opts.onnxFile,
      kvHeads: config.kvHeads,
      headDim: config.headDim,
    });
    onProgress?.(0.9, 'warming up');
    try {
      const r = await session.forward([0, 1], session.empty()); // proves the graph runs with this shape
      await session.forward([2], r.present);
    } catch (e) {
      await session.release().catch(() => undefined);
      throw new ModelLoadError('incompatible', session.path, `the model fails on a test input: ${(e as Error).message}`);
    }
    onProgress?.(1, 'ready');
    const info: ModelInfo = {
      dir,
      name: basename(dir),
      layers: session.layers,
      kvHeads: session.kvHeads,
      headDim: session.headDim,
      vocabSize: config.vocabSize,
      contextLength: config.contextLength,
      fim: config.fim !== null,
      layout: session.layout,
    };
    return new CompletionEngine(info, tokenizer, config, session, opts.cacheBudgetBytes ?? DEFAULT_BUDGET);
  }

  cacheInfo(): CacheInfo {
    return { bytes: this.cache.bytes, budgetBytes: this.cache.budgetBytes, entries: this.cache.entries };
  }

  /** Highest number of bytes the prefix cache has held. */
  cachePeakBytes(): number {
    return this.cache.maxBytes;
  }

  setCacheBudget(bytes: number): void {
    this.cache.setBudget(bytes);
  }

  clearCache(): void {
    this.cache.clear();
  }

  async complete(req: CompletionRequest): Promise<CompletionResult> {
    if (this.disposed) throw new Error('the engine was disposed');
    const my = ++this.ticket;
    this.current?.abort(); // the older generation stops at its next pass
    await this.running;
    if (my !== this.ticket) return aborted(req);
    const ac = new AbortController();
    this.current = ac;
    const onAbort = () => ac.abort();
    req.signal?.addEventListener('abort', onAbort);
    if (req.signal?.aborted) ac.abort();
    const run = this.run(req, ac.signal);
    this.running = run.catch(() => undefined);
    try {
      return await run;
    } finally {
      req.signal?.removeEventListener('abort', onAbort);
      if (this.current === ac) this.current = null;
    }
  }

  private async run(req: CompletionRequest, signal: AbortSignal): Promise<CompletionResult> {
    const t0 = performance.now();
    if (typeof req.prefix !== 'string' || typeof req.suffix !== 'string') throw new InputError('prefix and suffix must be strings');
    if (req.prefix.includes('\u0000') || req.suffix.includes('\u0000')) {
      throw new InputError('the document looks binary (it contains NUL characters); no completion for it');
    }
    const strategy = req.strategy ?? 'autoregressive';
    const reuse = strategy !== 'recompute' && (req.reuseCache ?? true);
    const maxNew = maxNewTokensFor(this.config.contextLength, req.maxNewTokens);
    const prompt = await buildPrompt(this.tokenizer, this.config, req.prefix, req.suffix, this.config.contextLength - maxNew);

    const stats: CompletionStats = {
      strategy, reuse, promptTokens: prompt.tokens.length, reusedTokens: 0, computedTokens: 0, generatedTokens: 0,
      forwardPasses: 0, tokensPerPass: 0, ttftMs: 0, prefillMs: 0, decodeMs: 0, totalMs: 0,
      cacheBytes: 0, cacheBudgetBytes: this.cache.budgetBytes,
    };
    const sampling = req.sampling;
    const rand = sampling ? seededRandom(sampling.seed) : null;
    const pick = (row: Float32Array) =>
      sampling && rand ? sampleNucleus(row, sampling.temperature, sampling.topP, rand()) : argmax(row);
    const deadline = req.deadline ?? Infinity;
    const halted = () => signal.aborted || Date.now() > deadline;

    // Prefill: reuse the longest cached prefix, run the rest. At least one token is
    // always run, because its logits predict the first new token.
    const tokens = prompt.tokens;
    const match = reuse ? this.cache.matchPrefix(tokens) : { length: 0, entry: null };
    const reused = Math.min(match.length, tokens.length - 1);
    let kv = match.entry && reused > 0 ? truncateKv(match.entry.kv, reused) : this.session.empty();
    const pre = await this.session.forward(tokens.slice(kv.length), kv, 1);
    stats.reusedTokens = kv.length;
    stats.computedTokens = tokens.length - kv.length;
    stats.forwardPasses = 1;
    const tPrefill = performance.now();
    stats.prefillMs = tPrefill - t0;
    const first = pick(pre.logits);
    stats.ttftMs = performance.now() - t0;

    const criteria: StopCriterion[] = [stopTokens(this.config.stopTokenIds), maxTokens(maxNew)];
    criteria.push(req.multiline ? endOfBlock(prompt.lineSoFar) : endOfLine());
    const generated: number[] = [];
    let text = '';
    let stop: StopReason | null = null;
    const accept = async (toks: number[]): Promise<boolean> => {
      for (const t of toks) {
        generated.push(t);
        text = await this.tokenizer.decode(generated);
        const s = firstStop(criteria, { tokens: generated, text });
        if (s) {
          stop = s.reason;
          if (s.reason === 'eos') {
            generated.pop();
            text = await this.tokenizer.decode(generated);
          } else if (s.keep !== undefined) text = text.slice(0, s.keep);
          return true;
        }
      }
      return false;
    };

    let passes = 0;
    let decoded = 0;
    if (signal.aborted) {
      // Superseded during the prefill: report the abort, not a completion nobody waits for.
      stop = 'aborted';
    } else if (strategy === 'recompute') {
      // Baseline: no KV cache at all, every step recomputes the whole sequence.
      const seq = [...tokens];
      let next = first;
      let done = await accept([next]);
      while (!done && !halted() && seq.length + 1 < this.config.contextLength) {
        seq.push(next);
        const r = await this.session.forward(seq, this.session.empty(), 1);
        passes++;
        next = pick(r.logits);
        decoded++;
        done = await accept([next]);
      }
    } else {
      const k = strategy === 'parallel' ? Math.max(1, req.blockSize ?? 6) : 1;
      const room = () => this.config.contextLength - (tokens.length + generated.length);
      const res = await decodeLoop(this.session, [...tokens], pre.present, first, k, { pick, accept, halted, room });
      passes = res.passes;
      decoded = res.decodedTokens;
      if (reuse) this.cache.insert(res.seq, res.kv);
    }
    if (stop === 'aborted' && reuse) this.cache.insert(tokens, pre.present); // the prefill is still worth keeping
    if (stop === null) {
      stop = signal.aborted ? 'aborted' : Date.now() > deadline ? 'deadline' : 'context-full';
    }
    const tEnd = performance.now();
    stats.generatedTokens = generated.length;
    stats.forwardPasses += passes;
    stats.tokensPerPass = passes > 0 ? decoded / passes : 0;
    stats.decodeMs = tEnd - tPrefill;
    stats.totalMs = tEnd - t0;
    stats.cacheBytes = this.cache.bytes;
    return { text, tokens: generated, stopReason: stop, stats };
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.current?.abort();
    await this.running;
    this.cache.clear();
    await this.session.release().catch(() => undefined);
  }
}

function aborted(req: CompletionRequest): CompletionResult {
  return {
    text: '', tokens: [], stopReason: 'aborted',
    stats: {
      strategy: req.strategy ?? 'autoregressive', reuse: req.reuseCache ?? true, promptTokens: 0, reusedTokens: 0,
      computedTokens: 0, generatedTokens: 0, forwardPasses: 0, tokensPerPass: 0, ttftMs: 0, prefillMs: 0,
      decodeMs: 0, totalMs: 0, cacheBytes: 0, cacheBudgetBytes: 0,
    },
  };
}
