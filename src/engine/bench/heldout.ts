import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The held-out source files (never trained on) and where in them the bench places the
 * cursor. Every place is late in its file, with at least MIN_PREFIX characters before it,
 * so the engine's prompt is near its full size (about 1,000 tokens) at every request.
 */
export interface HeldoutFile {
  name: string;
  text: string;
}

/** A cursor in a document: the text before and after it. */
export interface CursorState {
  prefix: string;
  suffix: string;
}

export interface DecodingPosition extends CursorState {
  file: string;
  /** Character offset of the cursor in the original file. */
  offset: number;
}

/** Characters before the cursor: more than the prompt layout's head window takes. */
export const MIN_PREFIX = 3200;
/** Characters kept after the last place used. */
const MIN_TAIL = 300;

const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs|py|go|rs|java|c|h|cc|cpp|hpp|cs|rb|php|kt|swift|scala|sh|lua)$/;

export function loadHeldout(dir: string): HeldoutFile[] {
  const names = readdirSync(dir).filter((f) => SOURCE.test(f)).sort();
  if (names.length === 0) throw new Error(`no held-out source files in ${dir}`);
  return names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8').replace(/\r\n/g, '\n') }));
}

/** Start of the line holding offset i. */
export function lineStart(text: string, i: number): number {
  return text.lastIndexOf('\n', Math.max(0, i - 1)) + 1;
}

/** A line start near `fraction` of the file, clamped to leave MIN_PREFIX before and `tail` after. */
export function placeAt(text: string, fraction: number, tail = MIN_TAIL): number {
  const lo = Math.min(MIN_PREFIX, text.length);
  const hi = Math.max(lo, text.length - tail);
  const target = Math.round(Math.min(hi, Math.max(lo, fraction * text.length)));
  const s = lineStart(text, target);
  return s < lo ? text.indexOf('\n', lo) + 1 || lo : s;
}

/**
 * Cursor positions for the decoding comparison, spread over the files (round robin) and
 * over the second half of each. At each, the next few lines are removed and the cursor
 * sits after the first removed line's indentation: the model writes new code in the
 * middle of a file (fill-in-the-middle), which makes multi-line completions.
 */
export function decodingPositions(files: HeldoutFile[], n: number, removeLines = 4): DecodingPosition[] {
  const out: DecodingPosition[] = [];
  const perFile = Math.ceil(n / files.length);
  for (let j = 0; j < n; j++) {
    const f = files[j % files.length];
    const k = Math.floor(j / files.length);
    let at = placeAt(f.text, 0.5 + (0.4 * (k + 0.5)) / perFile, 600);
    // skip blank lines: start on a line with code
    while (at < f.text.length && f.text[at] === '\n') at++;
    const indent = /^[ \t]*/.exec(f.text.slice(at))![0].length;
    let end = at;
    for (let i = 0; i < removeLines && end < f.text.length; i++) {
      const nl = f.text.indexOf('\n', end);
      end = nl < 0 ? f.text.length : nl + 1;
    }
    const cursor = at + indent;
    out.push({ file: f.name, offset: cursor, prefix: f.text.slice(0, cursor), suffix: f.text.slice(end) });
  }
  return out;
}

/** What the editor's multi-line rule looks at around the cursor. */
export function lineContext(state: CursorState): { linePrefix: string; lineSuffix: string; previousLine?: string } {
  const nl = state.prefix.lastIndexOf('\n');
  const linePrefix = state.prefix.slice(nl + 1);
  const e = state.suffix.indexOf('\n');
  const lineSuffix = e < 0 ? state.suffix : state.suffix.slice(0, e);
  let previousLine: string | undefined;
  let end = nl;
  while (end > 0) {
    const s = state.prefix.lastIndexOf('\n', end - 1) + 1;
    const line = state.prefix.slice(s, end);
    if (line.trim() !== '') {
      previousLine = line;
      break;
    }
    end = s - 1;
  }
  return { linePrefix, lineSuffix, previousLine };
}
