/**
 * The one status value the status bar renders, how it is derived, and its text and tooltip.
 * Pure (no `vscode` import): the status bar item only copies these strings.
 */
import type { CompletionStats } from '../engine';
import { UiStrategy, strategyAbbrev, strategyLabel } from './configValues';

/** What the status readout shows besides the state: the current settings and the last completion's stats. */
export interface Readout {
  /** The strategy now configured (the readout follows a settings change at once). */
  strategy: UiStrategy;
  /** KV cache reuse now configured. */
  reuse: boolean;
  /** Stats of the last completion, if any. */
  last?: CompletionStats;
  /** Model name, for the tooltip. */
  model?: string;
}

export type StatusState =
  | { kind: 'loading'; fraction: number; message: string }
  | ({ kind: 'ready' } & Readout)
  | ({ kind: 'busy' } & Readout)
  | { kind: 'error'; reason: string; detail: string }
  | { kind: 'off' };

/** Where the engine host stands. */
export type EngineStatus =
  | { kind: 'idle' }
  | { kind: 'loading'; fraction: number; message: string }
  | { kind: 'ready'; model: string }
  | { kind: 'error'; reason: string; detail: string };

export interface StatusInputs {
  enabled: boolean;
  engine: EngineStatus;
  /** A completion is being generated. */
  busy: boolean;
  strategy: UiStrategy;
  reuse: boolean;
  last?: CompletionStats;
}

/** Off wins over everything, then the engine's own state, then busy/ready. */
export function deriveStatus(i: StatusInputs): StatusState {
  if (!i.enabled) return { kind: 'off' };
  const e = i.engine;
  switch (e.kind) {
    case 'idle': return { kind: 'loading', fraction: 0, message: 'Starting' };
    case 'loading': return { kind: 'loading', fraction: e.fraction, message: e.message };
    case 'error': return { kind: 'error', reason: e.reason, detail: e.detail };
    case 'ready': {
      const readout: Readout = { strategy: i.strategy, reuse: i.reuse, last: i.last, model: e.model };
      return i.busy ? { kind: 'busy', ...readout } : { kind: 'ready', ...readout };
    }
  }
}

/** Share of the prompt whose keys/values came from the cache, 0–100. */
export function cachedPercent(s: CompletionStats): number {
  return s.promptTokens > 0 ? Math.round((100 * s.reusedTokens) / s.promptTokens) : 0;
}

function cacheLabel(r: Readout): string {
  if (!r.reuse) return 'no cache';
  return r.last ? `${cachedPercent(r.last)}% cached` : 'cache';
}

function ms(v: number): string {
  return `${Math.round(v)} ms`;
}

/** The status bar text, e.g. `$(zap) 38 ms · AR · 97% cached`. */
export function statusText(s: StatusState): string {
  switch (s.kind) {
    case 'loading': return `$(sync~spin) Local Complete ${Math.round(Math.min(1, Math.max(0, s.fraction)) * 100)}%`;
    case 'ready':
      return s.last
        ? `$(zap) ${ms(s.last.totalMs)} · ${strategyAbbrev(s.strategy)} · ${cacheLabel(s)}`
        : '$(zap) Local Complete';
    case 'busy':
      return s.last
        ? `$(loading~spin) ${ms(s.last.totalMs)} · ${strategyAbbrev(s.strategy)} · …`
        : '$(loading~spin) Local Complete';
    case 'error': return `$(error) Local Complete: ${s.reason}`;
    case 'off': return '$(circle-slash) Local Complete: off';
  }
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Escapes text for a Markdown tooltip. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}

function statsTable(r: Readout, last: CompletionStats): string[] {
  const lines = [
    `Last completion: **${ms(last.totalMs)}** (${escapeMarkdown(strategyLabel(last.strategy))}, cache reuse ${last.reuse ? 'on' : 'off'})`,
    '',
    '| | |',
    '|---|---:|',
    `| Time to first token | ${ms(last.ttftMs)} |`,
    `| Prefill | ${ms(last.prefillMs)} |`,
    `| Decode | ${ms(last.decodeMs)} |`,
    `| Prompt tokens | ${last.promptTokens} |`,
    `| Tokens reused | ${last.reusedTokens} (${cachedPercent(last)}%) |`,
    `| Tokens computed | ${last.computedTokens} |`,
    `| Tokens generated | ${last.generatedTokens} |`,
    `| Forward passes | ${last.forwardPasses} |`,
    `| Tokens per pass | ${last.tokensPerPass.toFixed(2)} |`,
    `| Cache | ${mb(last.cacheBytes)} / ${mb(last.cacheBudgetBytes)} |`,
  ];
  if (last.strategy !== r.strategy || last.reuse !== r.reuse) {
    lines.push('', `_Settings changed since: next completion uses ${escapeMarkdown(strategyLabel(r.strategy))}, cache reuse ${r.reuse ? 'on' : 'off'}._`);
  }
  return lines;
}

/** The tooltip as Markdown: the last latency broken down, or the loading/error detail. */
export function statusTooltip(s: StatusState): string {
  const head = '**Local Complete**';
  const foot = ['', '_Click for options._'];
  switch (s.kind) {
    case 'loading':
      return [head, '', `Loading the model: ${Math.round(s.fraction * 100)}% ${escapeMarkdown(s.message)}`, ...foot].join('\n');
    case 'error':
      return [head, '', `Error: ${escapeMarkdown(s.detail || s.reason)}`, ...foot].join('\n');
    case 'off':
      return [head, '', 'Completions are off.', ...foot].join('\n');
    case 'ready':
    case 'busy': {
      const lines = [head + (s.model ? ` — ${escapeMarkdown(s.model)}` : ''), ''];
      lines.push(`Strategy: ${escapeMarkdown(strategyLabel(s.strategy))} · cache reuse ${s.reuse ? 'on' : 'off'}`, '');
      if (s.kind === 'busy') lines.push('Generating…', '');
      if (s.last) lines.push(...statsTable(s, s.last));
      else lines.push('No completion yet.');
      return [...lines, ...foot].join('\n');
    }
  }
}
