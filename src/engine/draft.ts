/**
 * Draft tokens for parallel refinement. Code repeats itself (identifiers, call
 * patterns, closing lines), so the best cheap guess for what comes next is what
 * followed the same n-gram earlier in the context ("prompt lookup decoding").
 * Positions the lookup cannot fill take the previous pass's own predictions for
 * them (the Jacobi iterate).
 */
export function promptLookup(seq: readonly number[], count: number, maxNgram = 3): number[] {
  if (count <= 0) return [];
  for (let n = Math.min(maxNgram, seq.length - 1); n >= 1; n--) {
    const tail = seq.length - n;
    // most recent earlier occurrence of the last n tokens
    for (let i = tail - 1; i >= 0; i--) {
      let j = 0;
      while (j < n && seq[i + j] === seq[tail + j]) j++;
      if (j === n) {
        const from = i + n;
        const out = seq.slice(from, Math.min(from + count, seq.length));
        if (out.length > 0) return out as number[];
      }
    }
  }
  return [];
}

export function makeDraft(seq: readonly number[], count: number, jacobi: readonly number[]): number[] {
  const d = promptLookup(seq, count);
  for (let i = d.length; i < count && i < jacobi.length; i++) d.push(jacobi[i]);
  return d;
}
