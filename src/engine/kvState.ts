/**
 * Keys and values for a token sequence, one pair of arrays per layer, each laid out
 * [1, kvHeads, length, headDim] (row-major), exactly as the ONNX model takes and returns them.
 * A KvState is immutable once made: caches share it, and truncation copies.
 */
export interface KvState {
  readonly length: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly keys: readonly Float32Array[];
  readonly values: readonly Float32Array[];
}

export function kvBytes(kv: KvState): number {
  let b = 0;
  for (let i = 0; i < kv.keys.length; i++) b += kv.keys[i].byteLength + kv.values[i].byteLength;
  return b;
}

export function emptyKv(layers: number, kvHeads: number, headDim: number): KvState {
  const z = new Float32Array(0);
  return { length: 0, kvHeads, headDim, keys: Array(layers).fill(z), values: Array(layers).fill(z) };
}

/** The first `n` positions of `kv` (copied per head, since heads are the outer axis). */
export function truncateKv(kv: KvState, n: number): KvState {
  if (n >= kv.length) return kv;
  const { kvHeads, headDim, length } = kv;
  const cut = (a: Float32Array): Float32Array => {
    const out = new Float32Array(kvHeads * n * headDim);
    for (let h = 0; h < kvHeads; h++) {
      out.set(a.subarray(h * length * headDim, (h * length + n) * headDim), h * n * headDim);
    }
    return out;
  };
  return { length: n, kvHeads, headDim, keys: kv.keys.map(cut), values: kv.values.map(cut) };
}
