import { BenchReport } from './report';
import { Panel, barChart } from './svg';

const ON = '#2b6cb0';
const OFF = '#dd6b20';
const PEER = '#718096';
const OURS = '#2f855a';
const BASE = '#c53030';
const AR = '#6b46c1';

/** The bench chart: per-keystroke medians (reuse on/off, peer), per-strategy latency, cold completion vs the peer. */
export function benchChart(r: BenchReport): string {
  const t = r.typing;
  const p = r.peer;
  const panels: Panel[] = [
    {
      title: 'Per keystroke (median)',
      groups: [
        { label: 'first token', bars: [
          { label: 'reuse on', value: t.reuseOn.ttftMs.median, color: ON },
          { label: 'reuse off', value: t.reuseOff.ttftMs.median, color: OFF },
          { label: 'transformers.js', value: p.keystroke?.theirs.ttftMs.median ?? null, color: PEER },
        ] },
        { label: 'full suggestion', bars: [
          { label: 'reuse on', value: t.reuseOn.totalMs.median, color: ON },
          { label: 'reuse off', value: t.reuseOff.totalMs.median, color: OFF },
          { label: 'transformers.js', value: p.keystroke?.theirs.totalMs.median ?? null, color: PEER },
        ] },
      ],
    },
    {
      title: `Per completion, warm prompt (median, ≤ ${r.decoding.maxNewTokens} tokens)`,
      groups: r.decoding.strategies.map((s) => ({
        label: s.strategy === 'parallel' ? `k=${s.blockSize}` : s.name === 'autoregressive' ? 'AR' : s.name,
        bars: [{
          label: s.strategy === 'recompute' ? 'no KV cache' : s.strategy === 'parallel' ? 'parallel refinement' : 'autoregressive',
          value: s.latencyMs.median,
          color: s.strategy === 'recompute' ? BASE : s.strategy === 'parallel' ? OURS : AR,
        }],
      })),
    },
  ];
  if (p.completion) {
    panels.push({
      title: 'Completion, cold (median)',
      groups: [
        { label: 'ours', bars: [{ label: 'autoregressive', value: p.completion.oursMs.median, color: AR }] },
        { label: 'transformers.js', bars: [{ label: 'transformers.js', value: p.completion.theirsMs.median, color: PEER }] },
      ],
    });
  }
  const m = r.machine;
  const subtitle = `${m.cpuModel}, ${m.cores} cores, Node ${m.node}, ${m.date.slice(0, 10)}; model ${r.model.name} ` +
    `(${(r.model.fileBytes / 1e6).toFixed(1)} MB, ${r.model.sha256.slice(0, 8)}); prompt ≈ ${r.typing.contextTokens.median} tokens`;
  return barChart('Local Complete: latency (lower is better)', subtitle, panels);
}
