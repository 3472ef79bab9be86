/**
 * Logits processors and token pickers. Randomness comes in as an argument (a seeded
 * `rand` function), so sampling is deterministic under test.
 */

/** Index of the largest value in row (first one on ties). */
export function argmax(row: Float32Array): number {
  let best = 0;
  let bv = row[0];
  for (let i = 1; i < row.length; i++) {
    if (row[i] > bv) {
      bv = row[i];
      best = i;
    }
  }
  return best;
}

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Softmax of row / temperature, restricted to the smallest set whose mass reaches topP (nucleus). */
export function nucleus(row: Float32Array, temperature: number, topP: number): Array<{ id: number; p: number }> {
  const t = Math.max(temperature, 1e-5);
  let max = -Infinity;
  for (let i = 0; i < row.length; i++) if (row[i] > max) max = row[i];
  const probs: Array<{ id: number; p: number }> = [];
  let sum = 0;
  for (let i = 0; i < row.length; i++) {
    const p = Math.exp((row[i] - max) / t);
    sum += p;
    if (p > 1e-9) probs.push({ id: i, p });
  }
  probs.sort((a, b) => b.p - a.p || a.id - b.id);
  const kept: Array<{ id: number; p: number }> = [];
  let mass = 0;
  for (const x of probs) {
    kept.push({ id: x.id, p: x.p / sum });
    mass += x.p / sum;
    if (mass >= topP) break;
  }
  return kept;
}

/** Draw from the nucleus with the random number u in [0, 1). */
export function sampleNucleus(row: Float32Array, temperature: number, topP: number, u: number): number {
  const kept = nucleus(row, temperature, topP);
  const total = kept.reduce((s, x) => s + x.p, 0);
  let r = u * total;
  for (const x of kept) {
    r -= x.p;
    if (r <= 0) return x.id;
  }
  return kept[kept.length - 1].id;
}
