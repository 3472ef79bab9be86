import { DecodingResult, GOAL_PARALLEL } from './decoding';
import { MachineInfo, ModelSummary } from './machine';
import { PeerResult } from './peer';
import { GOAL_ROOFLINE, RooflineResult } from './roofline';
import { Summary, fmtBytes, fmtMs, fmtPct, fmtX } from './stats';
import { TypingResult } from './typing';

/** The bench's JSON (`--json`, bench/results/latest.json). */
export interface BenchReport {
  schema: 1;
  quick: boolean;
  machine: MachineInfo;
  model: ModelSummary;
  settings: { threads: number; cacheBudgetBytes: number; replay: string };
  typing: TypingResult;
  decoding: DecodingResult;
  peer: PeerResult;
  roofline: RooflineResult;
  memory: {
    /** Peak RSS of the process while only our engine was loaded (before the peer). */
    peakRssBytes: number;
    /** Peak RSS after each stage (load, typing, decoding, peer); the bandwidth copy runs after decoding. */
    peakRssByStage: Record<string, number>;
    cacheBytesMax: number;
    cacheBudgetBytes: number;
    withinBudget: boolean;
  };
  goals: Goal[];
  /** Checks that failed (the exit code is 1 when any did); timing goals are not failures. */
  failures: string[];
  durationMs: number;
}

export interface Goal {
  goal: string;
  target: string;
  measured: string;
  met: boolean | null;
}

export const GOAL_TTFT = 20;
export const GOAL_PEER_KEYSTROKE = 5;

export function goals(r: Omit<BenchReport, 'goals' | 'failures' | 'durationMs'>): Goal[] {
  const at = (x: number | null, min: number) => (x === null ? null : x >= min);
  return [
    { goal: 'reuse cuts median time to first token', target: `≥ ${GOAL_TTFT}×`, measured: fmtX(r.typing.ttftSpeedup), met: at(r.typing.ttftSpeedup, GOAL_TTFT) },
    { goal: `parallel refinement (k=${r.decoding.blockSize}) vs autoregressive`, target: `≥ ${GOAL_PARALLEL}×`, measured: fmtX(r.decoding.parallelSpeedup), met: at(r.decoding.parallelSpeedup, GOAL_PARALLEL) },
    { goal: 'parallel output identical to autoregressive', target: 'identical', measured: r.decoding.identical ? 'identical' : `${r.decoding.mismatches.length}+ mismatches`, met: r.decoding.identical },
    { goal: 'keystroke median vs transformers.js', target: `≥ ${GOAL_PEER_KEYSTROKE}× lower`, measured: fmtX(r.peer.keystrokeSpeedup), met: at(r.peer.keystrokeSpeedup, GOAL_PEER_KEYSTROKE) },
    { goal: 'per-token decode vs transformers.js', target: 'no slower (≥ 1×)', measured: fmtX(r.peer.decodeSpeedup), met: at(r.peer.decodeSpeedup, 1) },
    { goal: 'decode speed vs memory-bandwidth roofline', target: `≥ ${GOAL_ROOFLINE * 100}%`, measured: fmtPct(r.roofline.fraction), met: at(r.roofline.fraction, GOAL_ROOFLINE) },
    { goal: 'prefix cache within its budget', target: fmtBytes(r.memory.cacheBudgetBytes), measured: fmtBytes(r.memory.cacheBytesMax), met: r.memory.withinBudget },
  ];
}

/** Markdown tables with padded columns, readable on a terminal as they are. */
function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (c ?? '').padEnd(w[i])).join(' | ') + ' |';
  return [line(head), '| ' + w.map((n) => '-'.repeat(n)).join(' | ') + ' |', ...rows.map(line)].join('\n');
}

const ms = (s: Summary | null | undefined, k: 'median' | 'p95' = 'median') => fmtMs(s ? s[k] : null);
const tick = (m: boolean | null) => (m === null ? '–' : m ? 'yes' : 'NO');

export function renderMarkdown(r: BenchReport): string {
  const m = r.machine;
  const t = r.typing;
  const d = r.decoding;
  const p = r.peer;
  const out: string[] = [];
  out.push(`Machine: ${m.cpuModel}, ${m.cores} cores (load ${m.loadAverage.start.toFixed(1)} → ${m.loadAverage.end?.toFixed(1) ?? '?'}), ` +
    `Node ${m.node}, onnxruntime-node ${m.onnxruntime}, ${m.date.slice(0, 16).replace('T', ' ')} UTC${r.quick ? ' (--quick)' : ''}.`);
  out.push(`Model: ${r.model.name} (${fmtBytes(r.model.fileBytes)} ONNX, sha256 ${r.model.sha256}, ${r.model.layers} layers, ` +
    `${r.model.kvHeads} KV heads × ${r.model.headDim}, vocab ${r.model.vocabSize}, context ${r.model.contextLength}).`);
  out.push('');
  out.push(`**Typing replay**: ${t.keystrokes} keystrokes over ${t.files} held-out files (${t.kinds.newline} Enter, ` +
    `${t.kinds.backspace} Backspace, ${t.kinds.jump} jumps); prompt median ${t.contextTokens.median} tokens; ${r.settings.replay}.`);
  out.push('');
  out.push(table(['per keystroke', 'first token, median', 'first token, p95', 'full suggestion, median', 'full suggestion, p95'], [
    ['prefix reuse on', ms(t.reuseOn.ttftMs), ms(t.reuseOn.ttftMs, 'p95'), ms(t.reuseOn.totalMs), ms(t.reuseOn.totalMs, 'p95')],
    ['prefix reuse off', ms(t.reuseOff.ttftMs), ms(t.reuseOff.ttftMs, 'p95'), ms(t.reuseOff.totalMs), ms(t.reuseOff.totalMs, 'p95')],
    ['off ÷ on', fmtX(t.ttftSpeedup), fmtX(t.reuseOff.ttftMs.p95 / t.reuseOn.ttftMs.p95), fmtX(t.totalSpeedup), fmtX(t.reuseOff.totalMs.p95 / t.reuseOn.totalMs.p95)],
  ]));
  out.push('');
  out.push(`Prompt tokens reused: ${fmtPct(t.reusedShare)}. Same output with reuse on and off: ${t.identical ? 'yes' : 'NO'}.`);
  out.push('');
  out.push(`**Decoding**: ${d.positions} cursor positions, greedy, multi-line, up to ${d.maxNewTokens} new tokens; warm state: ${d.warmState}.`);
  out.push('');
  out.push(table(['strategy', 'n', 'latency, median', 'latency, p95', 'new tokens, median', 'forward passes, mean', 'tokens per pass', 'ms per pass', 'speedup (paired median)'],
    d.strategies.map((s) => [
      s.name, String(s.completions), ms(s.latencyMs), ms(s.latencyMs, 'p95'), String(s.generatedTokens.median), s.forwardPasses.toFixed(1),
      s.tokensPerPass === null ? '–' : s.tokensPerPass.toFixed(2), fmtMs(s.passMs),
      fmtX(s.speedupVsAutoregressive),
    ])));
  out.push('');
  out.push(`Outputs identical (autoregressive = parallel = recompute): ${d.identical ? 'yes' : 'NO'}. ` +
    `Parallel speedup at k=${d.blockSize}: ${fmtX(d.parallelSpeedup)} (best: k=${d.bestBlockSize ?? '–'}, ${fmtX(d.bestParallelSpeedup)}).`);
  if (d.limit) out.push(`What limits it: ${d.limit}.`);
  out.push('');
  if (p.error) {
    out.push(`**Peer (transformers.js)**: failed: ${p.error}`);
  } else {
    out.push(`**Peer**: transformers.js ${p.version} on the same model folder and prompt ids, greedy ` +
      `(loaded in ${fmtMs(p.loadMs)}; tokenizer agrees: ${p.tokenizerMatches ? 'yes' : 'no'}; same greedy output: ${fmtPct(p.sameOutputShare)}).`);
    out.push('');
    out.push(table(['', 'ours', 'transformers.js', 'theirs ÷ ours'], [
      [`keystroke, full suggestion, median (${p.keystroke?.keystrokes})`, ms(p.keystroke?.ours.totalMs), ms(p.keystroke?.theirs.totalMs), fmtX(p.keystrokeSpeedup)],
      ['keystroke, first token, median', ms(p.keystroke?.ours.ttftMs), ms(p.keystroke?.theirs.ttftMs), fmtX(p.keystrokeTtftSpeedup)],
      [`completion from cold, median (${p.completion?.positions})`, ms(p.completion?.oursMs), ms(p.completion?.theirsMs), fmtX(p.completionSpeedup)],
      ['decode, per token', fmtMs(p.decodePerTokenMs?.ours ?? null), fmtMs(p.decodePerTokenMs?.theirs ?? null), fmtX(p.decodeSpeedup)],
    ]));
  }
  out.push('');
  const rf = r.roofline;
  out.push(`**Roofline**: copy bandwidth ${(rf.bandwidthBytesPerSec / 1e9).toFixed(1)} GB/s (best of ` +
    `${rf.bandwidthSamples.map((b) => (b / 1e9).toFixed(1)).join(', ')} GB/s, start and end of the run); a decode step reads ${fmtBytes(rf.weightsBytes)} of weights + ` +
    `${fmtBytes(rf.kvBytesPerToken * rf.contextTokens)} of KV (${rf.contextTokens} tokens) → at most ${rf.limitTokensPerSec.toFixed(0)} tokens/s; ` +
    `measured ${rf.decodeTokensPerSec?.toFixed(0) ?? '–'} tokens/s = ${fmtPct(rf.fraction)} of the roofline. ` +
    `A bare one-token ONNX pass at that context takes ${fmtMs(rf.modelPassMs)} (${fmtPct(rf.modelFraction)} of the roofline); ` +
    `the engine's decode step takes ${fmtMs(rf.decodeTokensPerSec ? 1000 / rf.decodeTokensPerSec : null)}.`);
  out.push('');
  const stages = Object.entries(r.memory.peakRssByStage).map(([k, v]) => `${fmtBytes(v)} after ${k}`).join(', ');
  out.push(`**Memory**: peak RSS ${fmtBytes(r.memory.peakRssBytes)} with our engine alone (process peak: ${stages}); ` +
    `prefix cache peak ${fmtBytes(r.memory.cacheBytesMax)} of its ${fmtBytes(r.memory.cacheBudgetBytes)} budget.`);
  out.push('');
  out.push(table(['goal', 'target', 'measured', 'met'], r.goals.map((g) => [g.goal, g.target, g.measured, tick(g.met)])));
  if (r.failures.length) out.push('', `FAILED: ${r.failures.join('; ')}`);
  return out.join('\n') + '\n';
}

/** JSON with timings rounded to microseconds; NaN and Infinity become null. */
export function renderJson(r: BenchReport): string {
  return JSON.stringify(r, (_k, v) => (typeof v === 'number' ? (Number.isFinite(v) ? (Number.isInteger(v) ? v : Math.round(v * 1000) / 1000) : null) : v), 2) + '\n';
}
