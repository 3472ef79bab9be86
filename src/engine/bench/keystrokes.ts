import { seededRandom } from '../sampling';
import { CursorState, HeldoutFile, placeAt } from './heldout';

/**
 * A person typing two regions of a held-out file, keystroke by keystroke:
 * - both regions are cut out of the document first (new code being written);
 * - characters are typed one at a time; Enter inserts the newline and the next line's
 *   indentation at once, as an editor's auto-indent does;
 * - now and then a wrong letter is typed and deleted with Backspace;
 * - after the first region, the cursor jumps to the second one, further down.
 * Each keystroke carries the document state after it (text before and after the cursor).
 */
export type KeyKind = 'char' | 'newline' | 'typo' | 'backspace' | 'jump';

export interface Keystroke extends CursorState {
  kind: KeyKind;
}

export interface ReplayScript {
  file: string;
  keys: Keystroke[];
}

/** Chance that a letter is first mistyped, then deleted. */
const TYPO_RATE = 0.04;
/** Share of the keystrokes spent in the first region. */
const FIRST_SHARE = 0.6;

/** Typing units from `at`: one character, or a newline with the following indentation. */
function units(text: string, at: number, count: number): string[] {
  const out: string[] = [];
  let i = at;
  while (out.length < count && i < text.length) {
    if (text[i] === '\n') {
      const indent = /^[ \t]*/.exec(text.slice(i + 1))![0];
      out.push('\n' + indent);
      i += 1 + indent.length;
    } else out.push(text[i++]);
  }
  return out;
}

export function typingScript(file: HeldoutFile, keystrokes: number, seed: number): ReplayScript {
  const text = file.text;
  const rand = seededRandom(seed);
  // Typos take two extra keystrokes each; plan units for the budget and trim at the end.
  const firstCount = Math.max(1, Math.ceil(keystrokes * FIRST_SHARE));
  const a = placeAt(text, 0.55);
  const ua = units(text, a, firstCount);
  const aEnd = a + ua.join('').length;
  let b = placeAt(text, 0.8);
  if (b < aEnd + 200) b = placeAt(text, (aEnd + 200) / text.length);
  const ub = b >= aEnd + 1 ? units(text, b, Math.max(0, keystrokes - firstCount)) : [];
  const bEnd = b + ub.join('').length;

  // The document with both regions cut out; the cursor starts where the first one was.
  let doc = ub.length ? text.slice(0, a) + text.slice(aEnd, b) + text.slice(bEnd) : text.slice(0, a) + text.slice(aEnd);
  let cursor = a;
  const keys: Keystroke[] = [];
  const press = (kind: KeyKind) => keys.push({ kind, prefix: doc.slice(0, cursor), suffix: doc.slice(cursor) });
  const insert = (s: string) => {
    doc = doc.slice(0, cursor) + s + doc.slice(cursor);
    cursor += s.length;
  };
  const typeRegion = (us: string[], jumped: boolean) => {
    us.forEach((u, i) => {
      if (/^[a-z]$/i.test(u) && rand() < TYPO_RATE) {
        let wrong = String.fromCharCode(97 + Math.floor(rand() * 26));
        if (wrong === u) wrong = wrong === 'z' ? 'a' : String.fromCharCode(wrong.charCodeAt(0) + 1);
        insert(wrong);
        press(jumped && i === 0 ? 'jump' : 'typo');
        doc = doc.slice(0, cursor - 1) + doc.slice(cursor);
        cursor--;
        press('backspace');
        insert(u);
        press('char');
        return;
      }
      insert(u);
      press(jumped && i === 0 ? 'jump' : u.startsWith('\n') ? 'newline' : 'char');
    });
  };
  typeRegion(ua, false);
  if (ub.length) {
    cursor = b; // the first region is typed in full, so offsets after it are the original ones
    typeRegion(ub, true);
  }
  return { file: file.name, keys: keys.slice(0, keystrokes) };
}
