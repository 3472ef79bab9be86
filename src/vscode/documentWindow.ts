/**
 * Cuts the prefix and suffix of a completion request out of a document by lines, never reading the
 * whole document. Pure (no `vscode` import): a `TextDocument` fits `LineSource` through a tiny adapter.
 */
import type { LineContext } from './postprocess';

/** Read access to a document's lines. */
export interface LineSource {
  readonly lineCount: number;
  lineAt(line: number): string;
}

export interface WindowOptions {
  /** Lines kept before the cursor line (at least). */
  linesBefore: number;
  /** Lines kept after the cursor line (at least). */
  linesAfter: number;
  /** Characters kept per line; longer lines are cut (a 50k-char minified line stays bounded). */
  maxLineChars: number;
  /**
   * The window's edges move in steps of this many lines, so that typing new lines keeps the
   * prompt's start stable (and the engine's prefix cache valid) for a while.
   */
  step: number;
  /** Following lines handed to post-processing. */
  contextLines: number;
}

export const DEFAULT_WINDOW: Readonly<WindowOptions> = Object.freeze({
  linesBefore: 400,
  linesAfter: 100,
  maxLineChars: 2000,
  step: 64,
  contextLines: 8,
});

export interface DocumentWindow extends LineContext {
  prefix: string;
  suffix: string;
  /** First and last document lines inside the window. */
  startLine: number;
  endLine: number;
}

/**
 * The window around (line, character): whole lines before, the cursor line split at the cursor,
 * whole lines after, joined by '\n'. The cursor line keeps `maxLineChars` on each side of the cursor.
 */
export function windowAround(doc: LineSource, line: number, character: number, opts: WindowOptions = DEFAULT_WINDOW): DocumentWindow {
  const last = doc.lineCount - 1;
  const cursorLine = Math.max(0, Math.min(line, last));
  const step = Math.max(1, opts.step);
  const startLine = Math.max(0, Math.floor((cursorLine - opts.linesBefore) / step) * step);
  const endLine = Math.min(last, Math.ceil((cursorLine + opts.linesAfter) / step) * step);
  const cap = (s: string) => (s.length > opts.maxLineChars ? s.slice(0, opts.maxLineChars) : s);

  const before: string[] = [];
  for (let i = startLine; i < cursorLine; i++) before.push(cap(doc.lineAt(i)));
  const text = doc.lineAt(cursorLine);
  const col = Math.max(0, Math.min(character, text.length));
  const linePrefixFull = text.slice(0, col);
  const lineSuffixFull = text.slice(col);
  const linePrefix = linePrefixFull.length > opts.maxLineChars ? linePrefixFull.slice(-opts.maxLineChars) : linePrefixFull;
  const lineSuffix = cap(lineSuffixFull);
  const after: string[] = [];
  for (let i = cursorLine + 1; i <= endLine; i++) after.push(cap(doc.lineAt(i)));

  let previousLine: string | undefined;
  for (let i = before.length - 1; i >= 0; i--) {
    if (before[i].trim() !== '') { previousLine = before[i]; break; }
  }
  const prefix = before.length ? before.join('\n') + '\n' + linePrefix : linePrefix;
  const suffix = after.length ? lineSuffix + '\n' + after.join('\n') : lineSuffix;
  return {
    prefix,
    suffix,
    linePrefix,
    lineSuffix,
    previousLine,
    nextLines: after.slice(0, opts.contextLines),
    startLine,
    endLine,
  };
}

/** Text that holds NUL characters is binary, not code. */
export function looksBinary(text: string): boolean {
  return text.includes('\u0000');
}
