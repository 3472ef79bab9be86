import { CompletionEngine } from '../engine';
import { CompletionStats, StrategyName } from '../types';
import { DecodingPosition } from './heldout';
import { Summary, median, ratio, sum, summarize } from './stats';

/**
 * Decoding strategies at the same cursor positions, greedy, multi-line.
 *
 * Fairness: the cached strategies all start from the same warm state. Before a position's
 * runs, the cache is cleared and one autoregressive request fills it with the prompt;
 * every later cached run then reuses the whole prompt (all but its last token) and runs
 * one prompt token, so latency measures decoding. `recompute` has no cache by definition
 * and pays a full prompt pass per token. Runs rotate their order per repeat so none
 * always runs first; each (position, strategy) is timed `repeats` times and its median kept.
 */
export interface StrategyRun {
  name: string;
  strategy: StrategyName;
  blockSize: number;
}

export interface StrategyResult extends StrategyRun {
  completions: number;
  latencyMs: Summary;
  decodeMs: Summary;
  /** Mean forward passes per completion (prefill included). */
  forwardPasses: number;
  /** Generated tokens per decode pass over all completions (accepted drafts + the model's own token). */
  tokensPerPass: number | null;
  /** Time of one decode pass: median over completions of decode time ÷ decode passes (bursts of other jobs skew a mean). */
  passMs: number | null;
  generatedTokens: Summary;
  /** Median over positions of autoregressive latency ÷ this strategy's, each position paired with itself. */
  speedupVsAutoregressive: number | null;
}

export interface DecodingResult {
  positions: number;
  maxNewTokens: number;
  warmState: string;
  strategies: StrategyResult[];
  identical: boolean;
  mismatches: Array<{ position: number; file: string; strategy: string; expected: string; got: string }>;
  /**
   * Parallel refinement at the default block size vs autoregressive: the median over positions
   * of the paired ratio (each position against itself, timed back to back), which is steadier
   * than a ratio of medians when completions of very different lengths are mixed.
   */
  parallelSpeedup: number | null;
  blockSize: number;
  bestBlockSize: number | null;
  bestParallelSpeedup: number | null;
  /** Why parallel falls short of the goal, from the measured numbers; null when it meets it. */
  limit: string | null;
}

/** Per position, the median-latency stats of each strategy and every run's tokens. */
export interface PositionRuns {
  position: DecodingPosition;
  stats: Map<string, CompletionStats>;
  tokens: Map<string, number[][]>;
}

export const GOAL_PARALLEL = 1.5;

const nullIfNaN = (x: number) => (Number.isFinite(x) ? x : null);

export function strategyRuns(blockSizes: number[]): StrategyRun[] {
  return [
    { name: 'autoregressive', strategy: 'autoregressive', blockSize: 1 },
    ...blockSizes.map((k) => ({ name: `parallel k=${k}`, strategy: 'parallel' as const, blockSize: k })),
  ];
}

export async function runDecoding(
  engine: CompletionEngine,
  positions: DecodingPosition[],
  opts: { blockSizes: number[]; repeats: number; maxNewTokens: number; recomputePositions: number; defaultBlockSize: number },
  progress: (msg: string) => void,
): Promise<{ result: DecodingResult; runs: PositionRuns[] }> {
  const cached = strategyRuns(opts.blockSizes);
  const all: StrategyRun[] = [...cached, { name: 'recompute', strategy: 'recompute', blockSize: 1 }];
  const runs: PositionRuns[] = [];
  for (const [pi, position] of positions.entries()) {
    const base = { prefix: position.prefix, suffix: position.suffix, multiline: true, maxNewTokens: opts.maxNewTokens };
    const samples = new Map<string, CompletionStats[]>();
    const tokens = new Map<string, number[][]>();
    const record = (name: string, stats: CompletionStats, toks: number[]) => {
      samples.set(name, [...(samples.get(name) ?? []), stats]);
      tokens.set(name, [...(tokens.get(name) ?? []), toks]);
    };
    engine.clearCache();
    await engine.complete({ ...base, strategy: 'autoregressive', reuseCache: true }); // warm: the prompt is cached
    for (let rep = 0; rep < opts.repeats; rep++) {
      for (let i = 0; i < cached.length; i++) {
        const s = cached[(i + rep + pi) % cached.length];
        const r = await engine.complete({ ...base, strategy: s.strategy, blockSize: s.blockSize, reuseCache: true });
        record(s.name, r.stats, r.tokens);
      }
    }
    if (pi < opts.recomputePositions) {
      const r = await engine.complete({ ...base, strategy: 'recompute' });
      record('recompute', r.stats, r.tokens);
    }
    const stats = new Map<string, CompletionStats>();
    for (const [name, list] of samples) {
      const m = median(list.map((s) => s.totalMs));
      stats.set(name, list.reduce((a, b) => (Math.abs(b.totalMs - m) < Math.abs(a.totalMs - m) ? b : a)));
    }
    runs.push({ position, stats, tokens });
    progress(`decoding: position ${pi + 1}/${positions.length} (${position.file})`);
  }
  return { result: summarizeDecoding(runs, all, opts.maxNewTokens, opts.defaultBlockSize), runs };
}

function summarizeStrategy(s: StrategyRun, runs: PositionRuns[]): StrategyResult {
  const list = runs.map((r) => r.stats.get(s.name)).filter((x): x is CompletionStats => !!x);
  const decodePasses = list.map((x) => Math.max(0, x.forwardPasses - 1));
  const passes = sum(decodePasses);
  return {
    ...s,
    completions: list.length,
    latencyMs: summarize(list.map((x) => x.totalMs)),
    decodeMs: summarize(list.map((x) => x.decodeMs)),
    forwardPasses: list.length ? sum(list.map((x) => x.forwardPasses)) / list.length : 0,
    tokensPerPass: ratio(sum(list.map((x, i) => x.tokensPerPass * decodePasses[i])), passes),
    passMs: nullIfNaN(median(list.filter((x) => x.forwardPasses > 1).map((x) => x.decodeMs / (x.forwardPasses - 1)))),
    generatedTokens: summarize(list.map((x) => x.generatedTokens)),
    speedupVsAutoregressive: median(
      runs.map((r) => [r.stats.get('autoregressive'), r.stats.get(s.name)])
        .filter((pair): pair is [CompletionStats, CompletionStats] => !!pair[0] && !!pair[1])
        .map(([a, b]) => a.totalMs / b.totalMs),
    ),
  };
}

export function summarizeDecoding(runs: PositionRuns[], all: StrategyRun[], maxNewTokens: number, defaultK: number): DecodingResult {
  const strategies = all.map((s) => summarizeStrategy(s, runs)).filter((s) => s.completions > 0);
  const mismatches: DecodingResult['mismatches'] = [];
  for (const [i, r] of runs.entries()) {
    const expected = (r.tokens.get('autoregressive') ?? [])[0]?.join(',') ?? '';
    for (const [name, list] of r.tokens) {
      for (const t of list) {
        if (t.join(',') !== expected) mismatches.push({ position: i, file: r.position.file, strategy: name, expected, got: t.join(',') });
      }
    }
  }
  const ar = strategies.find((s) => s.name === 'autoregressive');
  const parallel = strategies.filter((s) => s.strategy === 'parallel');
  const speedup = (p: StrategyResult) => (Number.isFinite(p.speedupVsAutoregressive) ? p.speedupVsAutoregressive : null);
  const def = parallel.find((p) => p.blockSize === defaultK) ?? parallel[0];
  let best: StrategyResult | undefined;
  for (const p of parallel) if (!best || (speedup(p) ?? 0) > (speedup(best) ?? 0)) best = p;
  const parallelSpeedup = def ? speedup(def) : null;
  return {
    positions: runs.length,
    maxNewTokens,
    warmState: 'each position: cache cleared, one autoregressive request caches the prompt; every cached run then reuses it (recompute: no cache)',
    strategies,
    identical: mismatches.length === 0,
    mismatches: mismatches.slice(0, 10),
    parallelSpeedup,
    blockSize: def?.blockSize ?? defaultK,
    bestBlockSize: best?.blockSize ?? null,
    bestParallelSpeedup: best ? speedup(best) : null,
    limit: ar && def && (parallelSpeedup ?? 0) < GOAL_PARALLEL ? explainLimit(ar, def, maxNewTokens) : null,
  };
}

/**
 * Parallel refinement's speedup over autoregressive is about τ / c: τ tokens accepted per
 * pass, each pass costing c times a one-token pass; prefill and per-request work dilute it.
 */
export function explainLimit(ar: StrategyResult, p: StrategyResult, maxNewTokens: number): string {
  const tau = p.tokensPerPass ?? 0;
  const c = ar.passMs && p.passMs ? p.passMs / ar.passMs : NaN;
  const fixed = ar.latencyMs.median - ar.decodeMs.median;
  const parts = [
    `parallel k=${p.blockSize} accepts ${tau.toFixed(2)} tokens per pass, and a ${p.blockSize}-token pass costs ` +
      `${c.toFixed(2)}× a 1-token pass (${p.passMs?.toFixed(2)} vs ${ar.passMs?.toFixed(2)} ms), so decoding can gain at most ` +
      `τ/c = ${(tau / c).toFixed(2)}×; ${GOAL_PARALLEL}× needs τ ≥ ${(GOAL_PARALLEL * c).toFixed(2)}`,
    `${fixed.toFixed(1)} ms per request outside decoding (prompt, prefill) is not sped up`,
  ];
  if (ar.generatedTokens.median < maxNewTokens / 2) {
    parts.push(`completions are short (median ${ar.generatedTokens.median} tokens in ${ar.forwardPasses.toFixed(1)} passes), leaving little to parallelise`);
  }
  return parts.join('; ');
}
