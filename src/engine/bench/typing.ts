import { CompletionEngine } from '../engine';
import { CompletionRequest, CompletionResult } from '../types';
import { DEFAULT_CONFIG } from '../../vscode/configValues';
import { decideMultiline } from '../../vscode/postprocess';
import { CursorState, lineContext } from './heldout';
import { KeyKind, ReplayScript } from './keystrokes';
import { Summary, median, ratio, sum, summarize } from './stats';

/**
 * Typing replay: every keystroke asks for a completion as the extension does with its
 * default settings and no debounce (strategy, block size, max tokens and the multi-line
 * rule come from the extension's own defaults), once with prefix reuse on and once with
 * it off. Both modes run on the same engine, interleaved keystroke by keystroke (order
 * alternating), so both see the same machine load: `reuseCache: false` neither reads nor
 * fills the prefix cache, so the "on" requests still see only their own earlier states.
 */
export interface KeystrokeRecord {
  file: string;
  kind: KeyKind;
  state: CursorState;
  multiline: boolean;
  on: CompletionResult['stats'] & { tokens: number[] };
  off: CompletionResult['stats'] & { tokens: number[] };
}

export interface TypingResult {
  files: number;
  keystrokes: number;
  kinds: Record<KeyKind, number>;
  /** Per kind of keystroke: medians of time to first token with reuse on and off, and the reused share. */
  byKind: Partial<Record<KeyKind, { n: number; ttftOnMs: number; ttftOffMs: number; reusedShare: number | null }>>;
  contextTokens: Summary;
  reuseOn: { ttftMs: Summary; totalMs: Summary };
  reuseOff: { ttftMs: Summary; totalMs: Summary };
  /** Median TTFT without reuse ÷ with reuse. */
  ttftSpeedup: number | null;
  totalSpeedup: number | null;
  /** Share of the prompt tokens (reuse on) whose keys/values came from the cache. */
  reusedShare: number | null;
  /** The same tokens with reuse on and off, at every keystroke. */
  identical: boolean;
  mismatches: Array<{ file: string; keystroke: number; on: string; off: string }>;
}

/** The request the extension would send at this state. */
export function extensionRequest(state: CursorState, reuseCache: boolean): CompletionRequest {
  const multiline = decideMultiline(DEFAULT_CONFIG.multiline, lineContext(state));
  return {
    prefix: state.prefix,
    suffix: state.suffix,
    strategy: DEFAULT_CONFIG.strategy,
    blockSize: DEFAULT_CONFIG.parallelBlockSize,
    maxNewTokens: DEFAULT_CONFIG.maxNewTokens,
    multiline,
    reuseCache,
  };
}

export async function replayTyping(
  engine: CompletionEngine,
  scripts: ReplayScript[],
  progress: (msg: string) => void,
): Promise<{ result: TypingResult; records: KeystrokeRecord[] }> {
  const records: KeystrokeRecord[] = [];
  let n = 0;
  for (const script of scripts) {
    engine.clearCache(); // each file starts cold, as when a file is opened
    for (const key of script.keys) {
      const request = extensionRequest(key, true);
      const run = async (reuseCache: boolean) => {
        const r = await engine.complete({ ...request, reuseCache });
        return { ...r.stats, tokens: r.tokens };
      };
      // alternate the order so neither mode always runs right after the other
      const onFirst = n++ % 2 === 0;
      const first = await run(onFirst);
      const second = await run(!onFirst);
      const [on, off] = onFirst ? [first, second] : [second, first];
      records.push({ file: script.file, kind: key.kind, state: key, multiline: request.multiline ?? false, on, off });
    }
    progress(`typing: ${script.file} (${script.keys.length} keystrokes)`);
  }
  return { result: summarizeTyping(scripts.length, records), records };
}

export function summarizeTyping(files: number, records: KeystrokeRecord[]): TypingResult {
  const kinds: Record<KeyKind, number> = { char: 0, newline: 0, typo: 0, backspace: 0, jump: 0 };
  for (const r of records) kinds[r.kind]++;
  const byKind: TypingResult['byKind'] = {};
  for (const kind of Object.keys(kinds) as KeyKind[]) {
    const rs = records.filter((r) => r.kind === kind);
    if (rs.length === 0) continue;
    byKind[kind] = {
      n: rs.length,
      ttftOnMs: median(rs.map((r) => r.on.ttftMs)),
      ttftOffMs: median(rs.map((r) => r.off.ttftMs)),
      reusedShare: ratio(sum(rs.map((r) => r.on.reusedTokens)), sum(rs.map((r) => r.on.promptTokens))),
    };
  }
  const onTtft = records.map((r) => r.on.ttftMs);
  const offTtft = records.map((r) => r.off.ttftMs);
  const onTotal = records.map((r) => r.on.totalMs);
  const offTotal = records.map((r) => r.off.totalMs);
  const mismatches = records
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.on.tokens.join(',') !== r.off.tokens.join(','))
    .map(({ r, i }) => ({ file: r.file, keystroke: i, on: r.on.tokens.join(','), off: r.off.tokens.join(',') }));
  return {
    files,
    keystrokes: records.length,
    kinds,
    byKind,
    contextTokens: summarize(records.map((r) => r.on.promptTokens)),
    reuseOn: { ttftMs: summarize(onTtft), totalMs: summarize(onTotal) },
    reuseOff: { ttftMs: summarize(offTtft), totalMs: summarize(offTotal) },
    ttftSpeedup: ratio(median(offTtft), median(onTtft)),
    totalSpeedup: ratio(median(offTotal), median(onTotal)),
    reusedShare: ratio(sum(records.map((r) => r.on.reusedTokens)), sum(records.map((r) => r.on.promptTokens))),
    identical: mismatches.length === 0,
    mismatches: mismatches.slice(0, 10),
  };
}
