/**
 * Runs the strategy comparison: autoregressive and parallel refinement, each with cache reuse on and
 * off, each twice (the first run starts from an empty cache, the second shows what reuse buys).
 * Pure: it needs only something that completes and clears its cache.
 */
import type { CompletionRequest, CompletionResult, CompletionStats, StopReason } from '../engine';
import { strategyAbbrev } from './configValues';

export interface Completer {
  complete(req: CompletionRequest): Promise<CompletionResult>;
  clearCache(): void;
}

export interface CompareConfig {
  id: string;
  label: string;
  strategy: 'autoregressive' | 'parallel';
  reuse: boolean;
}

export const COMPARE_CONFIGS: readonly CompareConfig[] = [
  { id: 'ar-reuse', label: 'Autoregressive + cache reuse', strategy: 'autoregressive', reuse: true },
  { id: 'ar-noreuse', label: 'Autoregressive, no reuse', strategy: 'autoregressive', reuse: false },
  { id: 'pr-reuse', label: 'Parallel refinement + cache reuse', strategy: 'parallel', reuse: true },
  { id: 'pr-noreuse', label: 'Parallel refinement, no reuse', strategy: 'parallel', reuse: false },
];

export interface CompareRun {
  /** 1 = from an empty cache, 2 = right after run 1. */
  run: number;
  text: string;
  stopReason: StopReason;
  stats: CompletionStats;
}

export interface CompareRow {
  config: CompareConfig;
  abbrev: string;
  runs: CompareRun[];
}

export interface CompareReport {
  rows: CompareRow[];
  /** All finished runs produced the same text. */
  identical: boolean;
  distinctOutputs: number;
  /** Some run was aborted (e.g. by typing meanwhile); its numbers are partial. */
  interrupted: boolean;
}

/** Summarises rows: identical outputs, distinct outputs, interruptions. */
export function summarize(rows: CompareRow[]): CompareReport {
  const runs = rows.flatMap((r) => r.runs);
  const finished = runs.filter((r) => r.stopReason !== 'aborted');
  const distinct = new Set(finished.map((r) => r.text)).size;
  return {
    rows,
    identical: finished.length > 0 && distinct === 1,
    distinctOutputs: distinct,
    interrupted: finished.length !== runs.length,
  };
}

/**
 * Runs every configuration `runsPerConfig` times on the same request. The cache is cleared before
 * each configuration, so run 1 is cold for all of them. `onRow` sees each row as it grows.
 */
export async function runComparison(
  engine: Completer,
  base: CompletionRequest,
  onRow?: (rows: CompareRow[]) => void,
  runsPerConfig = 2,
  configs: readonly CompareConfig[] = COMPARE_CONFIGS,
): Promise<CompareReport> {
  const rows: CompareRow[] = [];
  for (const config of configs) {
    engine.clearCache();
    const row: CompareRow = { config, abbrev: strategyAbbrev(config.strategy), runs: [] };
    rows.push(row);
    for (let run = 1; run <= runsPerConfig; run++) {
      const r = await engine.complete({ ...base, strategy: config.strategy, reuseCache: config.reuse, sampling: undefined });
      row.runs.push({ run, text: r.text, stopReason: r.stopReason, stats: r.stats });
      onRow?.(rows);
    }
  }
  return summarize(rows);
}
