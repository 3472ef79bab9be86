import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { ModelLoadError } from './errors';
import { KvState, emptyKv } from './kvState';

/**
 * The one place that talks to onnxruntime. The adapter reads the session's input and
 * output names and supports the Optimum / transformers.js decoder-with-past layout:
 *   inputs  input_ids [1,n], attention_mask [1,P+n]?, position_ids [1,n]?,
 *           past_key_values.{i}.key|value [1,kvHeads,P,headDim], use_cache_branch [1]? (merged decoders)
 *   outputs logits [1,n,V], present.{i}.key|value [1,kvHeads,P+n,headDim]
 * This covers Llama-, Qwen2- and GPT-2-style exports and our own model. An optional
 * input logits_to_keep [1] (or num_logits_to_keep) makes the model return only the
 * last rows' logits; the adapter feeds it when present.
 */

const MODEL_FILES = [
  'onnx/model_lastk.onnx', // our variant: + logits_to_keep, so prefill skips the LM head on all but the last row
  'onnx/model.onnx',
  'model.onnx',
  'onnx/decoder_model_merged.onnx',
  'decoder_model_merged.onnx',
  'onnx/model_quantized.onnx',
];

const KEEP_INPUTS = ['logits_to_keep', 'num_logits_to_keep'];
const PAST = /^past_key_values\.(\d+)\.(key|value)$/;
const PRESENT = /^present\.(\d+)\.(key|value)$/;

export interface ForwardResult {
  /** Logits of the last `keep` input positions, row-major [keep, vocab]. */
  logits: Float32Array;
  /** Row length of `logits` (can exceed the tokenizer's vocabulary when the export padded it). */
  vocab: number;
  /** Keys/values of past + the n new tokens. */
  present: KvState;
}

export interface SessionOptions {
  threads?: number;
  /** ONNX file inside the folder, overriding the search order (e.g. "onnx/model.onnx"). */
  onnxFile?: string;
  /** Hint from config.json; the ONNX input shapes win when they are static. */
  kvHeads?: number;
  headDim?: number;
}

export class ModelSession {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly path: string,
    readonly layers: number,
    readonly kvHeads: number,
    readonly headDim: number,
    readonly vocabSize: number,
    private readonly hasMask: boolean,
    private readonly hasPositions: boolean,
    private readonly hasCacheBranch: boolean,
    private readonly keepInput: string | null,
  ) {}

  get layout(): string {
    return 'optimum-kv' + (this.hasCacheBranch ? '+merged' : '') + (this.hasPositions ? '' : '-nopos') + (this.keepInput ? '+lastk' : '');
  }

  static findModelFile(dir: string, onnxFile?: string): string {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new ModelLoadError('missing', dir, 'model folder not found');
    }
    if (onnxFile) {
      const p = join(dir, onnxFile);
      if (!existsSync(p)) throw new ModelLoadError('missing', p, 'ONNX file not found');
      return p;
    }
    for (const f of MODEL_FILES) {
      const p = join(dir, f);
      if (existsSync(p)) return p;
    }
    throw new ModelLoadError('missing', join(dir, MODEL_FILES[0]), `no ONNX model found (looked for ${MODEL_FILES.join(', ')})`);
  }

  static async load(dir: string, vocabSize: number, opts: SessionOptions = {}): Promise<ModelSession> {
    const path = ModelSession.findModelFile(dir, opts.onnxFile);
    let session: ort.InferenceSession;
    try {
      const so: ort.InferenceSession.SessionOptions = {
        executionProviders: ['cpu'],
        graphOptimizationLevel: 'all',
        // Inside an editor, idle threads must not spin and burn a core after every run.
        extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
      };
      if (opts.threads && opts.threads > 0) so.intraOpNumThreads = opts.threads;
      session = await ort.InferenceSession.create(path, so);
    } catch (e) {
      throw new ModelLoadError('corrupt', path, `onnxruntime cannot load the model: ${(e as Error).message}`);
    }
    const ins = new Set(session.inputNames);
    const outs = new Set(session.outputNames);
    const missing: string[] = [];
    if (!ins.has('input_ids')) missing.push('input input_ids');
    if (!outs.has('logits')) missing.push('output logits');
    const layerIds = [...ins].map((n) => PAST.exec(n)).filter((m): m is RegExpExecArray => !!m).map((m) => +m[1]);
    const layers = layerIds.length ? Math.max(...layerIds) + 1 : 0;
    if (layers === 0) missing.push('inputs past_key_values.{i}.key|value (export the model with its KV cache)');
    for (let i = 0; i < layers; i++) {
      for (const kv of ['key', 'value']) {
        if (!ins.has(`past_key_values.${i}.${kv}`)) missing.push(`input past_key_values.${i}.${kv}`);
        if (!outs.has(`present.${i}.${kv}`)) missing.push(`output present.${i}.${kv}`);
      }
    }
    const known = (n: string) =>
      PAST.test(n) || ['input_ids', 'attention_mask', 'position_ids', 'use_cache_branch', ...KEEP_INPUTS].includes(n);
    const unknown = [...ins].filter((n) => !known(n));
    if (missing.length || unknown.length) {
      await session.release().catch(() => undefined);
      const parts = [];
      if (missing.length) parts.push(`missing ${missing.join(', ')}`);
      if (unknown.length) parts.push(`unsupported inputs ${unknown.join(', ')}`);
      throw new ModelLoadError('incompatible', path, `not a decoder with a KV cache in the Optimum layout: ${parts.join('; ')}`);
    }
    // kv heads and head_dim: static dims of the past input when present, else config.json.
    const meta = session.inputMetadata.find((m) => m.name === 'past_key_values.0.key');
    let kvHeads = opts.kvHeads;
    let headDim = opts.headDim;
    if (meta && meta.isTensor) {
      if (meta.type !== 'float32') {
        await session.release().catch(() => undefined);
        throw new ModelLoadError('incompatible', path, `KV cache type ${meta.type} is not supported; export the model in fp32`);
      }
      if (typeof meta.shape[1] === 'number') kvHeads = meta.shape[1];
      if (typeof meta.shape[3] === 'number') headDim = meta.shape[3];
    }
    if (!kvHeads || !headDim) {
      await session.release().catch(() => undefined);
      throw new ModelLoadError('incompatible', path, 'cannot tell the KV heads and head size: config.json needs num_key_value_heads and head_dim');
    }
    return new ModelSession(session, path, layers, kvHeads, headDim, vocabSize,
      ins.has('attention_mask'), ins.has('position_ids'), ins.has('use_cache_branch'),
      KEEP_INPUTS.find((n) => ins.has(n)) ?? null);
  }

  empty(): KvState {
    return emptyKv(this.layers, this.kvHeads, this.headDim);
  }

  /**
   * Run `ids` (n ≥ 1 new tokens) on top of `past`. Positions continue from past.length.
   * `keep` = how many of the last rows' logits the caller needs (models without
   * logits_to_keep return all n rows anyway; ForwardResult.logits is then sliced).
   */
  async forward(ids: ArrayLike<number>, past: KvState, keep = ids.length): Promise<ForwardResult> {
    const n = ids.length;
    const P = past.length;
    const feeds: Record<string, ort.Tensor> = {};
    const idArr = new BigInt64Array(n);
    for (let i = 0; i < n; i++) idArr[i] = BigInt(ids[i]);
    feeds['input_ids'] = new ort.Tensor('int64', idArr, [1, n]);
    if (this.hasMask) feeds['attention_mask'] = new ort.Tensor('int64', new BigInt64Array(P + n).fill(1n), [1, P + n]);
    if (this.hasPositions) {
      const pos = new BigInt64Array(n);
      for (let i = 0; i < n; i++) pos[i] = BigInt(P + i);
      feeds['position_ids'] = new ort.Tensor('int64', pos, [1, n]);
    }
    if (this.keepInput) feeds[this.keepInput] = new ort.Tensor('int64', new BigInt64Array([BigInt(keep)]), [1]);
    if (this.hasCacheBranch) feeds['use_cache_branch'] = new ort.Tensor('bool', new Uint8Array([P > 0 ? 1 : 0]), [1]);
    const dims = [1, this.kvHeads, P, this.headDim];
    for (let i = 0; i < this.layers; i++) {
      feeds[`past_key_values.${i}.key`] = new ort.Tensor('float32', past.keys[i], dims);
      feeds[`past_key_values.${i}.value`] = new ort.Tensor('float32', past.values[i], dims);
    }
    const out = await this.session.run(feeds);
    const keys: Float32Array[] = [];
    const values: Float32Array[] = [];
    for (let i = 0; i < this.layers; i++) {
      keys.push(out[`present.${i}.key`].data as Float32Array);
      values.push(out[`present.${i}.value`].data as Float32Array);
    }
    const logits = out['logits'];
    const V = logits.dims[logits.dims.length - 1];
    const rows = logits.dims[1];
    if (rows !== n && rows !== keep) {
      throw new Error(`model returned logits of shape [${logits.dims.join(',')}], expected [1,${keep},${this.vocabSize}]`);
    }
    const data = logits.data as Float32Array;
    return {
      logits: rows === keep ? data : data.subarray((rows - keep) * V),
      vocab: V,
      present: { length: P + n, kvHeads: this.kvHeads, headDim: this.headDim, keys, values },
    };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
