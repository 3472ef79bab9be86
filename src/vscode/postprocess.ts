/**
 * Pure text post-processing of a raw model completion before it is shown as ghost text.
 * No `vscode` import: plain-node unit tests cover every rule (test/vscode/unit/postprocess.test.ts).
 */
import type { MultilinePolicy } from './configValues';

/** The text around the cursor that the rules look at. */
export interface LineContext {
  /** Text of the cursor line before the cursor. */
  linePrefix: string;
  /** Text of the cursor line after the cursor. */
  lineSuffix: string;
  /** The nearest non-blank line above the cursor line, if any. */
  previousLine?: string;
  /** A few lines after the cursor line, in order. */
  nextLines: string[];
}

export interface IndentStyle {
  insertSpaces: boolean;
  tabSize: number;
}

export interface PostprocessOptions {
  multiline: boolean;
  /** The editor's indentation; when given, the completion's indentation is converted to it. */
  indent?: IndentStyle;
}

const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const OPENERS = new Set(['(', '[', '{']);
const QUOTES = new Set(['"', "'", '`']);

/** The cursor is mid-line when non-whitespace text follows it on its line. */
export function isMidLine(lineSuffix: string): boolean {
  return /\S/.test(lineSuffix);
}

/** Whether a line ends by opening a block: `{`, `(`, `[`, `:`, `=>`, `->`, `do`, `then`, … (not a bare `=`: its value is one line). */
export function opensBlock(line: string): boolean {
  const t = line.trimEnd();
  if (t === '') return false;
  return /(?:[{([:]|=>|->)$/.test(t) || /(?:^|\s)(?:do|then|else|begin)$/.test(t);
}

/**
 * Single line when the cursor is mid-line or the policy says never; several lines with `always`,
 * or with `auto` when the cursor line (or, on a blank line, the line above) opens a block.
 */
export function decideMultiline(policy: MultilinePolicy, ctx: Pick<LineContext, 'linePrefix' | 'lineSuffix' | 'previousLine'>): boolean {
  if (policy === 'never' || isMidLine(ctx.lineSuffix)) return false;
  if (policy === 'always') return true;
  if (ctx.linePrefix.trim() === '') return ctx.previousLine !== undefined && opensBlock(ctx.previousLine);
  return opensBlock(ctx.linePrefix);
}

/** Width of a line's leading whitespace in columns. */
export function indentWidth(line: string, tabSize = 4): number {
  let col = 0;
  for (const ch of line) {
    if (ch === ' ') col++;
    else if (ch === '\t') col += tabSize - (col % tabSize);
    else break;
  }
  return col;
}

/** Rewrites a line's leading whitespace in the given indentation style. */
export function convertIndent(line: string, style: IndentStyle): string {
  const m = /^[ \t]*/.exec(line);
  const lead = m ? m[0] : '';
  if (lead === '') return line;
  const cols = indentWidth(lead, style.tabSize);
  const rest = line.slice(lead.length);
  if (style.insertSpaces) return ' '.repeat(cols) + rest;
  return '\t'.repeat(Math.floor(cols / style.tabSize)) + ' '.repeat(cols % style.tabSize) + rest;
}

function isCloserLine(line: string): boolean {
  return /^\s*(?:[)\]}]|(?:end|fi|done|esac)\b)/.test(line);
}

/**
 * Cuts a multi-line completion where its block ends. After a block opener, the block ends at the
 * first line indented no deeper than the opener; elsewhere at the first line indented less than the
 * cursor. A closing line (`}`, `)`, `end`) there is kept; anything else is cut.
 */
export function cutAtBlockEnd(lines: string[], ctx: LineContext, tabSize = 4): string[] {
  const opener = ctx.linePrefix.trim() !== '' && opensBlock(ctx.linePrefix);
  // The cursor line's indentation; on a blank line, the cursor's column.
  const base = indentWidth(ctx.linePrefix, tabSize);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const w = indentWidth(line, tabSize);
    const ended = opener ? w <= base : w < base;
    if (ended) return isCloserLine(line) ? lines.slice(0, i + 1) : lines.slice(0, i);
  }
  return lines;
}

/** Drops trailing completion lines (never the first) that repeat the document's next non-blank lines. */
export function dropRepeatedNextLines(lines: string[], nextLines: string[]): string[] {
  const next = nextLines.filter((l) => l.trim() !== '').map((l) => l.trimEnd());
  const max = Math.min(lines.length - 1, next.length, 8);
  for (let k = max; k >= 1; k--) {
    const tail = lines.slice(lines.length - k);
    if (tail.some((l) => l.trim() === '')) continue;
    if (tail.every((l, j) => l === next[j])) return lines.slice(0, lines.length - k);
  }
  return lines;
}

interface Balance {
  unmatchedClosers: number;
}

function balance(text: string): Balance {
  const stack: string[] = [];
  let unmatchedClosers = 0;
  for (const ch of text) {
    if (OPENERS.has(ch)) stack.push(ch);
    else if (ch in CLOSERS) {
      if (stack.length && stack[stack.length - 1] === CLOSERS[ch]) stack.pop();
      else unmatchedClosers++;
    }
  }
  return { unmatchedClosers };
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

/**
 * Whether removing `overlap` from the end of `completion` removes a duplicate of the suffix:
 * each bracket in it must be unmatched inside the completion, each quote must be odd, and it
 * may hold no word characters unless it is the whole rest of the line.
 */
function isDuplicateOverlap(completion: string, overlap: string, wholeRest: boolean): boolean {
  if (/[\p{L}\p{N}_]/u.test(overlap) && !wholeRest) return false;
  const body = completion.slice(0, completion.length - overlap.length);
  const closers = [...overlap].filter((c) => c in CLOSERS).length;
  if (closers > 0 && balance(completion).unmatchedClosers - balance(body).unmatchedClosers !== closers) return false;
  for (const q of QUOTES) {
    if (overlap.includes(q) && count(completion, q) % 2 === 0) return false;
  }
  if (wholeRest) return true;
  return /^[\s)\]}>"'`;,.:]+$/.test(overlap);
}

/**
 * Removes the end of the completion that repeats the start of the text after the cursor,
 * e.g. `a, b)` before `)` → `a, b`; `foo()` before `)` stays (its brackets are balanced).
 */
export function trimSuffixOverlap(completion: string, lineSuffix: string): string {
  const suffix = lineSuffix.trimEnd();
  if (suffix.trim() === '' || completion === '') return completion;
  const rest = suffix.trimStart();
  for (const s of rest === suffix ? [suffix] : [suffix, rest]) {
    for (let k = Math.min(s.length, completion.length); k >= 1; k--) {
      const overlap = s.slice(0, k);
      if (!completion.endsWith(overlap)) continue;
      if (isDuplicateOverlap(completion, overlap, k === s.length)) {
        return completion.slice(0, completion.length - k).trimEnd();
      }
    }
  }
  return completion;
}

/**
 * Turns a raw completion into the text to insert at the cursor, or '' when nothing useful is left.
 * Rules, in order: normalise line ends; one line unless multi-line; strip trailing whitespace; no
 * doubled space after the cursor; convert indentation; cut at the block's end; drop lines that
 * repeat the next document lines; drop trailing blank lines; remove overlap with the suffix.
 */
export function postprocess(raw: string, ctx: LineContext, opts: PostprocessOptions): string {
  let lines = raw.replace(/\r\n?/g, '\n').split('\n');
  if (!opts.multiline) lines = lines.slice(0, 1);
  lines = lines.map((l) => l.trimEnd());
  if (/\S[ \t]$/.test(ctx.linePrefix)) lines[0] = lines[0].replace(/^[ \t]+/, '');
  const style = opts.indent;
  if (style) lines = lines.map((l, i) => (i === 0 ? l : convertIndent(l, style)));
  if (opts.multiline) {
    lines = cutAtBlockEnd(lines, ctx, style?.tabSize ?? 4);
    while (lines.length > 1 && lines[lines.length - 1].trim() === '') lines.pop();
    lines = dropRepeatedNextLines(lines, ctx.nextLines);
    while (lines.length > 1 && lines[lines.length - 1].trim() === '') lines.pop();
  }
  const last = lines.length - 1;
  lines[last] = trimSuffixOverlap(lines[last], ctx.lineSuffix);
  const text = lines.join('\n');
  return text.trim() === '' ? '' : text;
}
