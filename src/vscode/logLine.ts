/** One log line per completion. Pure. */
import type { CompletionResult } from '../engine';
import { strategyAbbrev } from './configValues';

export interface LogLineExtra {
  languageId: string;
  /** Characters of the suggestion after post-processing (0 when dropped). */
  shownChars: number;
  /** Alternatives sampled besides the greedy one. */
  alternatives?: number;
}

export function formatLogLine(r: CompletionResult, x: LogLineExtra): string {
  const s = r.stats;
  const mb = (b: number) => (b / (1024 * 1024)).toFixed(1);
  return [
    `completion ${Math.round(s.totalMs)} ms`,
    `${strategyAbbrev(s.strategy)}`,
    `reuse=${s.reuse ? 'on' : 'off'}`,
    `lang=${x.languageId}`,
    `prompt=${s.promptTokens}`,
    `reused=${s.reusedTokens}`,
    `computed=${s.computedTokens}`,
    `generated=${s.generatedTokens}`,
    `passes=${s.forwardPasses}`,
    `tok/pass=${s.tokensPerPass.toFixed(2)}`,
    `ttft=${Math.round(s.ttftMs)}ms`,
    `prefill=${Math.round(s.prefillMs)}ms`,
    `decode=${Math.round(s.decodeMs)}ms`,
    `stop=${r.stopReason}`,
    `cache=${mb(s.cacheBytes)}/${mb(s.cacheBudgetBytes)}MB`,
    `shown=${x.shownChars}ch`,
    ...(x.alternatives ? [`alternatives=${x.alternatives}`] : []),
  ].join(' ');
}
