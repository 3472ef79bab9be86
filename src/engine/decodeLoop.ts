import { ModelSession } from './modelSession';
import { KvState, truncateKv } from './kvState';
import { argmax } from './sampling';
import { makeDraft } from './draft';

/**
 * The generation loop, one screen: prepare → forward → pick → verify → stop? → update.
 *
 * State between passes: `kv` holds the keys/values of `seq` (prompt + accepted tokens,
 * except the newest one), and `next` is the newest token, already emitted but not yet
 * run through the model.
 *
 * Autoregressive decoding is the block size k = 1 case. With k > 1 (parallel
 * refinement, Jacobi-style) the pass runs [next, d1 … d(k-1)] where the d's are
 * drafts; the logits of row i are the model's prediction after input i, so drafts
 * are accepted while they equal the greedy prediction. Every accepted token is what
 * greedy autoregressive decoding would have produced, hence identical output. Only
 * the accepted prefix's keys/values are kept.
 */
export interface LoopHooks {
  /** Pick the next token from a logits row (greedy or sampled). */
  pick(row: Float32Array): number;
  /** Emit tokens; returns true when a stopping rule fired. */
  accept(tokens: number[]): Promise<boolean>;
  /** True when the request was aborted or its deadline passed (checked between passes). */
  halted(): boolean;
  /** Room left in the context window, in tokens. */
  room(): number;
}

export interface LoopResult {
  seq: number[];
  kv: KvState;
  passes: number;
  /** Tokens produced by decode passes (the first token comes from the prefill). */
  decodedTokens: number;
}

export async function decodeLoop(
  session: ModelSession,
  seq: number[],
  kv: KvState,
  first: number,
  k: number,
  hooks: LoopHooks,
): Promise<LoopResult> {
  let next = first;
  let jacobi: number[] = []; // last pass's predictions for the positions after the accepted ones
  let passes = 0;
  let decoded = 0;
  if (await hooks.accept([next])) return { seq, kv, passes, decodedTokens: decoded };
  while (!hooks.halted()) {
    const block = Math.max(1, Math.min(k, hooks.room()));
    if (hooks.room() < 1) break;
    const draft = block > 1 ? makeDraft([...seq, next], block - 1, jacobi) : [];
    const input = [next, ...draft];
    const r = await session.forward(input, kv); // logits [input.length, V]
    passes++;
    const row = (i: number) => r.logits.subarray(i * r.vocab, (i + 1) * r.vocab);
    // verify: accept drafts while they equal the model's own pick
    const accepted: number[] = [];
    let g = hooks.pick(row(0));
    while (accepted.length < draft.length && draft[accepted.length] === g) {
      accepted.push(g);
      g = hooks.pick(row(accepted.length));
    }
    const committed = 1 + accepted.length; // next + accepted drafts now have keys/values
    seq = [...seq, next, ...accepted];
    kv = committed === input.length ? r.present : truncateKv(r.present, kv.length + committed);
    jacobi = [];
    for (let i = committed; i < input.length; i++) jacobi.push(argmax(row(i)));
    next = g;
    decoded += accepted.length + 1;
    if (await hooks.accept([...accepted, g])) break;
  }
  return { seq, kv, passes, decodedTokens: decoded };
}
