/** Public types of the engine. Plain data: the editor layer reads these, never the caches. */

/** How tokens are decoded. `recompute` is autoregressive with no KV cache at all (full recompute every step). */
export type StrategyName = 'autoregressive' | 'parallel' | 'recompute';

export interface SamplingOptions {
  temperature: number;
  topP: number;
  /** Seed of the RNG; equal seeds give equal samples. */
  seed: number;
}

export interface CompletionRequest {
  /** Text before the cursor (the caller may window it by lines; the engine windows it by tokens). */
  prefix: string;
  /** Text after the cursor. */
  suffix: string;
  strategy?: StrategyName;
  /** Reuse the KV cache of earlier requests through the prefix cache (default true). */
  reuseCache?: boolean;
  maxNewTokens?: number;
  /** false: stop at the end of the line. true: stop at the end of the indented block or a blank line. */
  multiline?: boolean;
  /** Absolute time (Date.now() based) after which decoding stops and returns what it has. */
  deadline?: number;
  /** Draft block size k for parallel refinement (default 6). */
  blockSize?: number;
  /** Sample instead of greedy (alternatives). Parallel refinement falls back to autoregressive when sampling. */
  sampling?: SamplingOptions;
  signal?: AbortSignal;
}

export type StopReason = 'eos' | 'end-of-line' | 'end-of-block' | 'max-tokens' | 'deadline' | 'aborted' | 'context-full';

export interface CompletionStats {
  strategy: StrategyName;
  reuse: boolean;
  promptTokens: number;
  /** Prompt tokens whose keys/values came from the cache. */
  reusedTokens: number;
  /** Prompt tokens run through the model. */
  computedTokens: number;
  generatedTokens: number;
  forwardPasses: number;
  /** Generated tokens per decode forward pass (1 for autoregressive). */
  tokensPerPass: number;
  ttftMs: number;
  prefillMs: number;
  decodeMs: number;
  totalMs: number;
  cacheBytes: number;
  cacheBudgetBytes: number;
}

export interface CompletionResult {
  text: string;
  tokens: number[];
  stopReason: StopReason;
  stats: CompletionStats;
}

export interface ModelInfo {
  dir: string;
  name: string;
  layers: number;
  kvHeads: number;
  headDim: number;
  vocabSize: number;
  contextLength: number;
  fim: boolean;
  /** Which ONNX I/O layout the adapter recognised, e.g. "optimum-kv" or "optimum-kv+merged". */
  layout: string;
}

export interface CacheInfo {
  bytes: number;
  budgetBytes: number;
  entries: number;
}

export interface EngineOptions {
  modelDir: string;
  /** ONNX file inside modelDir to use instead of the default search (onnx/model_lastk.onnx, onnx/model.onnx, model.onnx, ...). */
  onnxFile?: string;
  /** onnxruntime intra-op threads (0 = onnxruntime's default). */
  threads?: number;
  /** Byte budget of the prefix cache (default 256 MB). */
  cacheBudgetBytes?: number;
}
