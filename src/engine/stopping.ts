import { StopReason } from './types';

/**
 * Stopping criteria: small composable checks run after every accepted token.
 * Each returns null (go on) or where to stop: the reason and, for text rules,
 * how many characters of the generated text to keep.
 */
export interface StopState {
  /** Tokens generated so far. */
  tokens: readonly number[];
  /** Their decoded text. */
  text: string;
}

export interface Stop {
  reason: StopReason;
  /** Characters of `text` to keep (default: all). */
  keep?: number;
}

export type StopCriterion = (s: StopState) => Stop | null;

export const maxTokens = (n: number): StopCriterion => (s) => (s.tokens.length >= n ? { reason: 'max-tokens' } : null);

export const stopTokens = (ids: readonly number[]): StopCriterion => {
  const set = new Set(ids);
  return (s) => {
    const last = s.tokens[s.tokens.length - 1];
    return last !== undefined && set.has(last) ? { reason: 'eos' } : null;
  };
};

/** Single-line mode: stop at the first newline, keeping the text before it. */
export const endOfLine = (): StopCriterion => (s) => {
  const i = s.text.indexOf('\n');
  return i >= 0 ? { reason: 'end-of-line', keep: i } : null;
};

function indentOf(line: string): number {
  let n = 0;
  for (const ch of line) {
    if (ch === ' ') n += 1;
    else if (ch === '\t') n += 4;
    else break;
  }
  return n;
}

const CLOSER = /^\s*[}\])]|^\s*(end|fi|done|esac)\b/;

/**
 * Multi-line mode: stop at a blank line, or at the first line that leaves the block.
 * `lineSoFar` is the text of the cursor line before the cursor. If that line opens a
 * block (ends with `{ ( [ :` or `=>`), the block's lines are indented deeper than it;
 * otherwise the completion continues the current statement list at the same depth.
 * A closing line at the base depth (`}`, `)`, `end`) is kept, then decoding stops.
 */
export const endOfBlock = (lineSoFar: string): StopCriterion => {
  const base = indentOf(lineSoFar);
  const opens = /[{([:]\s*$|=>\s*$/.test(lineSoFar);
  return (s) => {
    const lines = s.text.split('\n');
    let offset = lines[0].length + 1;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      const complete = i < lines.length - 1;
      if (line.trim() === '') {
        if (complete) return { reason: 'end-of-block', keep: offset - 1 };
      } else {
        const d = indentOf(line);
        const leaves = opens ? d <= base : d < base;
        if (leaves) {
          if (CLOSER.test(line) && opens) {
            if (complete) return { reason: 'end-of-block', keep: offset + line.length };
          } else {
            return { reason: 'end-of-block', keep: offset - 1 };
          }
        }
      }
      offset += line.length + 1;
    }
    return null;
  };
};

export function firstStop(criteria: readonly StopCriterion[], s: StopState): Stop | null {
  for (const c of criteria) {
    const r = c(s);
    if (r) return r;
  }
  return null;
}
