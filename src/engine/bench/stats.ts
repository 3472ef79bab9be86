/** Summary statistics for noisy timings: medians, p95 and ratios, never a single time. */

export interface Summary {
  n: number;
  median: number;
  p95: number;
  mean: number;
}

/** Linear-interpolated quantile (q in [0, 1]) of the values; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function summarize(values: readonly number[]): Summary {
  const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
  return { n: values.length, median: quantile(values, 0.5), p95: quantile(values, 0.95), mean };
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** a ÷ b, or null when either is missing or b is not positive (JSON has no NaN). */
export function ratio(a: number, b: number): number | null {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : null;
}

/** Rounds for JSON: 3 significant decimals are plenty for noisy timings. */
export function round(x: number | null, digits = 3): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function fmtMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function fmtX(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '–' : `${x >= 10 ? x.toFixed(1) : x.toFixed(2)}×`;
}

export function fmtBytes(b: number | null): string {
  if (b === null || !Number.isFinite(b)) return '–';
  if (b >= 1024 ** 3) return `${(b / 1024 ** 3).toFixed(2)} GiB`;
  if (b >= 1024 ** 2) return `${(b / 1024 ** 2).toFixed(1)} MiB`;
  if (b >= 1024) return `${(b / 1024).toFixed(1)} KiB`;
  return `${b} B`;
}

export function fmtPct(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(1)}%`;
}
