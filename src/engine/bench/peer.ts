import { CompletionEngine } from '../engine';
import { DecodingPosition } from './heldout';
import { ReplayScript } from './keystrokes';
import { PeerModel, PeerRun } from './peerModel';
import { PromptIds } from './promptIds';
import { Summary, median, ratio, summarize } from './stats';
import { extensionRequest } from './typing';

/**
 * Our engine against transformers.js on the very same prompt ids. Speedups are theirs ÷ ours.
 * The two alternate in short blocks (BLOCK completions, or one file's keystrokes): close in
 * time, so both see the same machine load, but not request by request, because right
 * after one session's run its onnxruntime threads still spin and slow the other session
 * (measured here: our keystroke median rose by a third when interleaved one by one).
 *
 * - Completions: at the decoding positions, our autoregressive run from a cold cache next
 *   to the peer (which has no cache across calls). The peer generates up to maxNewTokens;
 *   its latency for a completion is the time to the token count ours produced, and its
 *   per-token decode time is taken over all the tokens it generated.
 * - Keystrokes: a shorter typing replay; ours as the extension runs (reuse on, extension
 *   defaults), the peer with as many new tokens as ours produced at that keystroke.
 */
export interface PeerResult {
  error: string | null;
  version: string | null;
  loadMs: number | null;
  tokenizerMatches: boolean | null;
  /** Our prompt ids have the length the engine reported at every request. */
  samePrompt: boolean | null;
  /** Share of completions where the peer's greedy tokens equal ours (as far as ours go). */
  sameOutputShare: number | null;
  completion: { positions: number; theirsMs: Summary; oursMs: Summary } | null;
  keystroke: {
    keystrokes: number;
    theirs: { ttftMs: Summary; totalMs: Summary };
    ours: { ttftMs: Summary; totalMs: Summary };
  } | null;
  decodePerTokenMs: { theirs: number | null; ours: number | null } | null;
  completionSpeedup: number | null;
  keystrokeSpeedup: number | null;
  keystrokeTtftSpeedup: number | null;
  decodeSpeedup: number | null;
}

export function peerError(message: string): PeerResult {
  return {
    error: message, version: null, loadMs: null, tokenizerMatches: null, samePrompt: null, sameOutputShare: null,
    completion: null, keystroke: null, decodePerTokenMs: null,
    completionSpeedup: null, keystrokeSpeedup: null, keystrokeTtftSpeedup: null, decodeSpeedup: null,
  };
}

/** Completions per block of the alternation. */
const BLOCK = 4;

/** The peer's time to its n-th token (its whole run when it stopped earlier). */
function timeToToken(run: PeerRun, n: number): number {
  return n >= 1 && n <= run.tokenMs.length ? run.tokenMs[n - 1] : run.totalMs;
}

export async function comparePeer(
  engine: CompletionEngine,
  peer: PeerModel,
  promptIds: PromptIds,
  work: { positions: DecodingPosition[]; scripts: ReplayScript[]; keystrokes: number; maxNewTokens: number },
  progress: (msg: string) => void,
): Promise<PeerResult> {
  let samePrompt = true;
  let same = 0;
  const theirsMs: number[] = [];
  const oursMs: number[] = [];
  let theirDecodeMs = 0;
  let theirDecodeTokens = 0;
  let ourDecodeMs = 0;
  let ourDecodePasses = 0;
  for (let b = 0; b < work.positions.length; b += BLOCK) {
    const block = work.positions.slice(b, b + BLOCK);
    const ours = [];
    for (const p of block) {
      engine.clearCache();
      ours.push(await engine.complete({
        prefix: p.prefix, suffix: p.suffix, strategy: 'autoregressive', multiline: true, maxNewTokens: work.maxNewTokens,
      }));
    }
    for (const [i, p] of block.entries()) {
      const o = ours[i];
      const ids = await promptIds(p, work.maxNewTokens);
      if (ids.length !== o.stats.promptTokens) samePrompt = false;
      const theirs = await peer.generate(ids, work.maxNewTokens);
      theirsMs.push(timeToToken(theirs, Math.max(1, o.tokens.length)));
      oursMs.push(o.stats.totalMs);
      if (theirs.tokens.slice(0, o.tokens.length).join(',') === o.tokens.join(',')) same++;
      if (theirs.tokenMs.length > 1) {
        theirDecodeMs += theirs.tokenMs[theirs.tokenMs.length - 1] - theirs.tokenMs[0];
        theirDecodeTokens += theirs.tokenMs.length - 1;
      }
      ourDecodeMs += o.stats.decodeMs;
      ourDecodePasses += o.stats.forwardPasses - 1;
    }
  }
  progress(`peer: ${work.positions.length} completions`);

  // keystrokes: consecutive keys from the start of each script, each file starting cold
  const keys = { theirsTtft: [] as number[], theirsTotal: [] as number[], oursTtft: [] as number[], oursTotal: [] as number[] };
  const perFile = Math.min(24, work.keystrokes); // long enough runs that the cold first key is rare
  let left = work.keystrokes;
  for (const script of work.scripts) {
    if (left <= 0) break;
    engine.clearCache();
    const block = script.keys.slice(0, Math.min(left, perFile));
    const ours = [];
    for (const key of block) ours.push(await engine.complete(extensionRequest(key, true)));
    for (const [i, key] of block.entries()) {
      const o = ours[i];
      const ids = await promptIds(key, extensionRequest(key, true).maxNewTokens!);
      if (ids.length !== o.stats.promptTokens) samePrompt = false;
      const theirs = await peer.generate(ids, Math.max(1, o.tokens.length));
      keys.oursTtft.push(o.stats.ttftMs);
      keys.oursTotal.push(o.stats.totalMs);
      keys.theirsTtft.push(timeToToken(theirs, 1));
      keys.theirsTotal.push(theirs.totalMs);
    }
    left -= block.length;
  }
  progress(`peer: ${keys.oursTotal.length} keystrokes`);

  const theirDecode = ratio(theirDecodeMs, theirDecodeTokens);
  const ourDecode = ratio(ourDecodeMs, ourDecodePasses);
  return {
    error: null,
    version: peer.version,
    loadMs: peer.loadMs,
    tokenizerMatches: peer.tokenizerMatches,
    samePrompt,
    sameOutputShare: ratio(same, work.positions.length),
    completion: { positions: work.positions.length, theirsMs: summarize(theirsMs), oursMs: summarize(oursMs) },
    keystroke: {
      keystrokes: keys.oursTotal.length,
      theirs: { ttftMs: summarize(keys.theirsTtft), totalMs: summarize(keys.theirsTotal) },
      ours: { ttftMs: summarize(keys.oursTtft), totalMs: summarize(keys.oursTotal) },
    },
    decodePerTokenMs: { theirs: theirDecode, ours: ourDecode },
    completionSpeedup: ratio(median(theirsMs), median(oursMs)),
    keystrokeSpeedup: ratio(median(keys.theirsTotal), median(keys.oursTotal)),
    keystrokeTtftSpeedup: ratio(median(keys.theirsTtft), median(keys.oursTtft)),
    decodeSpeedup: theirDecode !== null && ourDecode !== null ? ratio(theirDecode, ourDecode) : null,
  };
}
