/**
 * Prompt layout, designed so that typing appends to the prompt instead of changing it
 * in the middle (every changed token invalidates the KV cache from that token on).
 *
 * Fill-in-the-middle order (PSM), as the bundled model was trained:
 *
 *   <fim_prefix> head <fim_suffix> suffix <fim_middle> recent lines + text typed on the cursor line
 *
 * llama.vscode puts only the cursor line after <fim_middle>, so every Enter moves a
 * line into the head and recomputes head-end, suffix and middle. Here a few recent
 * lines stay after <fim_middle> until the head grows at an "anchor" line, chosen by a
 * hash of the line's text (content-defined, as in rsync/restic chunking). So the
 * split is stable under edits elsewhere and no state is needed between requests.
 *
 * The head's start moves in large steps too: when the head outgrows its budget, its
 * start jumps to the next coarse anchor (hash 1 in 16), not one line per line typed.
 */

export interface PromptPlan {
  /** Complete lines before the recent ones (starts at a coarse anchor when windowed). */
  head: string;
  /** Text after the cursor, whole lines, windowed. */
  suffix: string;
  /** Recent complete lines plus the cursor line's text before the cursor. */
  middle: string;
  /** The cursor line's text before the cursor (for stopping rules). */
  lineSoFar: string;
}

export interface LayoutBudget {
  headChars: number;
  suffixChars: number;
  middleChars: number;
}

/** FNV-1a over the line's text, trailing whitespace ignored. */
export function lineHash(line: string): number {
  let h = 0x811c9dc5;
  const s = line.trimEnd();
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const MAX_RECENT = 8;
const isAnchor = (line: string) => lineHash(line) % 3 === 0;
const isCoarseAnchor = (line: string) => lineHash(line) % 16 === 0;

export function budgetFor(promptTokens: number): LayoutBudget {
  // Our tokenizer averages ~3.7 chars per token on held-out code (2.7–5.5 by file). Aim a
  // little over and let buildPrompt trim by tokens, so the prompt fills the context.
  const chars = Math.floor(promptTokens * 4.2);
  return { headChars: Math.floor(chars * 0.7), suffixChars: Math.floor(chars * 0.15), middleChars: Math.floor(chars * 0.15) };
}

export function layoutPrompt(prefix: string, suffix: string, budget: LayoutBudget): PromptPlan {
  const nl = prefix.lastIndexOf('\n');
  let lineSoFar = prefix.slice(nl + 1);
  // A minified line can be 50k chars: keep its end, nearest the cursor.
  if (lineSoFar.length > budget.middleChars) lineSoFar = lineSoFar.slice(lineSoFar.length - budget.middleChars);
  // Only the tail of a huge file can matter: look at a bounded window before splitting lines.
  const beforeText = prefix.slice(Math.max(0, nl + 1 - 4 * budget.headChars), nl + 1);
  const lines = beforeText.length ? beforeText.slice(0, -1).split('\n').map((l) => l + '\n') : [];
  if (beforeText.length && nl + 1 - 4 * budget.headChars > 0) lines.shift(); // first line may be cut

  // Recent lines: those after the last anchor among the last MAX_RECENT lines.
  let split = lines.length;
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - MAX_RECENT); i--) {
    if (isAnchor(lines[i])) {
      split = i + 1;
      break;
    }
  }
  let recent = lines.slice(split).join('');
  if (recent.length + lineSoFar.length > budget.middleChars) {
    split = lines.length; // no room: fall back to the cursor line alone
    recent = '';
  }
  // Head: lines before the split, from the earliest coarse anchor that fits the budget.
  let start = 0;
  let size = 0;
  for (let i = 0; i < split; i++) size += Math.min(lines[i].length, budget.headChars);
  if (size > budget.headChars) {
    let s = 0;
    let found = -1;
    for (let i = 0; i < split; i++) {
      if (size - s <= budget.headChars && (i === 0 || isCoarseAnchor(lines[i - 1]))) {
        found = i;
        break;
      }
      s += Math.min(lines[i].length, budget.headChars);
    }
    if (found < 0) {
      // no anchor in reach: plain windowing by lines from the end
      found = split;
      let acc = 0;
      while (found > 0 && acc + lines[found - 1].length <= budget.headChars) acc += lines[--found].length;
    }
    start = found;
  }
  const head = lines.slice(start, split).map((l) => (l.length > budget.headChars ? l.slice(-budget.headChars) : l)).join('');

  // Suffix: whole lines from the cursor on, up to the budget.
  let suf = '';
  if (suffix.length) {
    let end = 0;
    while (end < suffix.length) {
      let e = suffix.indexOf('\n', end);
      e = e < 0 ? suffix.length : e + 1;
      if (e > budget.suffixChars) {
        if (end === 0) end = budget.suffixChars; // first line alone is too long: cut it
        break;
      }
      end = e;
    }
    suf = suffix.slice(0, end);
  }
  return { head, suffix: suf, middle: recent + lineSoFar, lineSoFar };
}
