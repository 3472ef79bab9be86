import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { ModelSession } from '../modelSession';
import { ModelInfo } from '../types';
import { median, ratio } from './stats';

/**
 * Roofline of decoding: every decode step reads all the weights plus the KV cache of the
 * context, so a step cannot beat memory bandwidth ÷ those bytes. Bandwidth is measured in
 * the same run with a large typed-array copy (best of several; a copy reads and writes
 * every byte, so it moves twice the array's size).
 */
export interface RooflineResult {
  /** Best of the measurements (each the best of several copies). */
  bandwidthBytesPerSec: number;
  /** Every measurement, in order (one at the start of the run, one at the end). */
  bandwidthSamples: number[];
  copyBytes: number;
  weightsBytes: number;
  kvBytesPerToken: number;
  contextTokens: number;
  bytesPerStep: number;
  limitTokensPerSec: number;
  decodeTokensPerSec: number | null;
  /** Measured decode tokens/s ÷ the bandwidth limit. */
  fraction: number | null;
  /**
   * One-token forward pass through the ONNX session alone (our adapter, no decode loop) at
   * the same context: what the model costs, against what the engine's decode step costs.
   */
  modelPassMs: number | null;
  modelFraction: number | null;
}

export const GOAL_ROOFLINE = 0.5;

export interface Bandwidth {
  bytesPerSec: number;
  copyBytes: number;
}

/** Self-contained (it runs in a child process through its source text). */
export function measureBandwidth(bytes: number, tries = 5): Bandwidth {
  const n = Math.floor(bytes / 4);
  const src = new Float32Array(n);
  for (let i = 0; i < n; i += 1024) src[i] = i; // touch every page
  const dst = new Float32Array(n);
  dst.set(src); // first touch of dst, untimed
  let best = Infinity;
  for (let t = 0; t < tries; t++) {
    const t0 = process.hrtime.bigint();
    dst.set(src);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    best = Math.min(best, s);
  }
  if (dst[1024] !== src[1024]) throw new Error('bandwidth copy failed');
  return { bytesPerSec: (2 * n * 4) / best, copyBytes: n * 4 };
}

/**
 * The copy in a child process, so its arrays never count in this process's peak RSS and
 * it can run at the start and the end of the bench; falls back to this process.
 */
export function measureBandwidthIsolated(bytes: number): Bandwidth {
  const code = `process.stdout.write(JSON.stringify((${measureBandwidth.toString()})(${Math.floor(bytes)})))`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', timeout: 120_000 });
  if (r.status === 0) {
    try {
      return JSON.parse(r.stdout) as Bandwidth;
    } catch {
      /* fall through */
    }
  }
  return measureBandwidth(bytes);
}

/**
 * `passMs`: measured time of one autoregressive decode pass (one token); `contextTokens`:
 * the typical sequence length during those passes. Weights are the ONNX file's size (fp32
 * parameters; the graph itself is a few KB).
 */
export function roofline(
  bandwidths: Bandwidth[],
  modelFile: string,
  info: Pick<ModelInfo, 'layers' | 'kvHeads' | 'headDim'>,
  contextTokens: number,
  passMs: number | null,
  modelPassMs: number | null = null,
): RooflineResult {
  const weightsBytes = statSync(modelFile).size;
  const kvBytesPerToken = info.layers * 2 * info.kvHeads * info.headDim * 4;
  const bytesPerStep = weightsBytes + kvBytesPerToken * contextTokens;
  const bandwidth = bandwidths.reduce((a, b) => (b.bytesPerSec > a.bytesPerSec ? b : a));
  const limitTokensPerSec = bandwidth.bytesPerSec / bytesPerStep;
  const decodeTokensPerSec = passMs !== null && passMs > 0 ? 1000 / passMs : null;
  return {
    bandwidthBytesPerSec: bandwidth.bytesPerSec,
    bandwidthSamples: bandwidths.map((b) => b.bytesPerSec),
    copyBytes: bandwidth.copyBytes,
    weightsBytes,
    kvBytesPerToken,
    contextTokens,
    bytesPerStep,
    limitTokensPerSec,
    decodeTokensPerSec,
    fraction: decodeTokensPerSec === null ? null : ratio(decodeTokensPerSec, limitTokensPerSec),
    modelPassMs,
    modelFraction: modelPassMs ? ratio(1000 / modelPassMs, limitTokensPerSec) : null,
  };
}

/**
 * Time of a one-token pass on top of `context` tokens, on a separate session of the same
 * model: the median of each round's passes, best round of several (other jobs on the
 * machine come in bursts).
 */
export async function measureModelPass(
  modelDir: string,
  info: Pick<ModelInfo, 'kvHeads' | 'headDim' | 'vocabSize'>,
  threads: number,
  context: number,
  rounds = 6,
  steps = 32,
): Promise<number> {
  const s = await ModelSession.load(modelDir, info.vocabSize, { threads, kvHeads: info.kvHeads, headDim: info.headDim });
  try {
    const ids = Array.from({ length: Math.max(1, context) }, (_, i) => (i * 7919) % info.vocabSize);
    let best = Infinity;
    for (let r = 0; r < rounds; r++) {
      let kv = (await s.forward(ids, s.empty())).present;
      const times: number[] = [];
      for (let i = 0; i < steps; i++) {
        const t0 = performance.now();
        kv = (await s.forward([(i * 31) % info.vocabSize], kv)).present;
        times.push(performance.now() - t0);
      }
      best = Math.min(best, median(times));
    }
    return best;
  } finally {
    await s.release();
  }
}
