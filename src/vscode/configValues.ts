/**
 * The extension's settings as plain typed data: defaults, sanitising, and which keys need a model reload.
 * Pure (no `vscode` import) so plain-node tests can cover it; `config.ts` reads the values from VS Code.
 */

export type UiStrategy = 'autoregressive' | 'parallel';
export type MultilinePolicy = 'auto' | 'always' | 'never';

export interface Config {
  enable: boolean;
  /** '' = the bundled model. */
  modelPath: string;
  strategy: UiStrategy;
  cacheReuse: boolean;
  cacheBudgetMB: number;
  maxNewTokens: number;
  debounceMs: number;
  multiline: MultilinePolicy;
  /** 0 = onnxruntime's default. */
  threads: number;
  /** languageId → enabled; '*' is the default for unlisted languages. */
  languages: Record<string, boolean>;
  parallelBlockSize: number;
  /** 0 = off; n > 0 samples n alternatives for Alt+] / Alt+[ cycling. */
  alternatives: number;
  temperature: number;
  topP: number;
}

export type ConfigKey = keyof Config;

export const CONFIG_SECTION = 'localComplete';

export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze({
  enable: true,
  modelPath: '',
  // Measured on the bundled model (bench/results): autoregressive is faster on CPU, because
  // parallel refinement accepts only ~1.7 tokens per pass while a 6-token pass costs ~1.65×.
  strategy: 'autoregressive',
  cacheReuse: true,
  cacheBudgetMB: 256,
  maxNewTokens: 64,
  debounceMs: 60,
  multiline: 'auto',
  threads: 0,
  languages: { '*': true, plaintext: false, markdown: false, scminput: false },
  parallelBlockSize: 6,
  alternatives: 0,
  temperature: 0.8,
  topP: 0.95,
});

/** Settings whose change needs the model to be loaded again; every other setting applies at once. */
export const RELOAD_KEYS: readonly ConfigKey[] = ['modelPath', 'threads'];

export const CONFIG_KEYS = Object.keys(DEFAULT_CONFIG) as ConfigKey[];

function num(value: unknown, fallback: number, min: number, max: number, integer = true): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  const v = integer ? Math.round(value) : value;
  return Math.min(max, Math.max(min, v));
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function languages(value: unknown): Record<string, boolean> {
  const out: Record<string, boolean> = { ...DEFAULT_CONFIG.languages };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (typeof v === 'boolean') out[k] = v;
    }
  }
  return out;
}

/** Turns whatever the user wrote into a valid Config; bad values fall back to the defaults, numbers are clamped. */
export function sanitizeConfig(get: (key: ConfigKey) => unknown): Config {
  const d = DEFAULT_CONFIG;
  return {
    enable: bool(get('enable'), d.enable),
    modelPath: typeof get('modelPath') === 'string' ? (get('modelPath') as string).trim() : d.modelPath,
    strategy: oneOf(get('strategy'), ['autoregressive', 'parallel'] as const, d.strategy),
    cacheReuse: bool(get('cacheReuse'), d.cacheReuse),
    cacheBudgetMB: num(get('cacheBudgetMB'), d.cacheBudgetMB, 0, 65536),
    maxNewTokens: num(get('maxNewTokens'), d.maxNewTokens, 1, 1024),
    debounceMs: num(get('debounceMs'), d.debounceMs, 0, 5000),
    multiline: oneOf(get('multiline'), ['auto', 'always', 'never'] as const, d.multiline),
    threads: num(get('threads'), d.threads, 0, 256),
    languages: languages(get('languages')),
    parallelBlockSize: num(get('parallelBlockSize'), d.parallelBlockSize, 1, 64),
    alternatives: num(get('alternatives'), d.alternatives, 0, 8),
    temperature: num(get('temperature'), d.temperature, 0.01, 5, false),
    topP: num(get('topP'), d.topP, 0.01, 1, false),
  };
}

/** Per-language enable: an explicit entry wins, then '*', then on. */
export function isLanguageEnabled(langs: Record<string, boolean>, languageId: string): boolean {
  if (Object.prototype.hasOwnProperty.call(langs, languageId)) return langs[languageId];
  if (Object.prototype.hasOwnProperty.call(langs, '*')) return langs['*'];
  return true;
}

/** Short label of a strategy for the status bar: AR = autoregressive, PR = parallel refinement. */
export function strategyAbbrev(strategy: string): string {
  switch (strategy) {
    case 'autoregressive': return 'AR';
    case 'parallel': return 'PR';
    case 'recompute': return 'AR-nocache';
    default: return strategy;
  }
}

export function strategyLabel(strategy: string): string {
  switch (strategy) {
    case 'autoregressive': return 'Autoregressive';
    case 'parallel': return 'Parallel refinement';
    case 'recompute': return 'Autoregressive, full recompute';
    default: return strategy;
  }
}
