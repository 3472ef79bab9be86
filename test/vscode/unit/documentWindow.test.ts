import * as assert from 'assert';
import { LineSource, looksBinary, windowAround } from '../../../src/vscode/documentWindow';

function doc(lines: string[]): LineSource & { reads: number } {
  const d = {
    reads: 0,
    lineCount: lines.length,
    lineAt(i: number): string {
      if (i < 0 || i >= lines.length) throw new Error(`line ${i} out of range`);
      d.reads++;
      return lines[i];
    },
  };
  return d;
}

const opts = { linesBefore: 4, linesAfter: 2, maxLineChars: 10, step: 2, contextLines: 3 };

describe('windowAround', () => {
  it('splits the cursor line and joins lines with \\n', () => {
    const w = windowAround(doc(['a', 'b', 'cd', 'e']), 2, 1, opts);
    assert.strictEqual(w.prefix, 'a\nb\nc');
    assert.strictEqual(w.suffix, 'd\ne');
    assert.strictEqual(w.linePrefix, 'c');
    assert.strictEqual(w.lineSuffix, 'd');
    assert.strictEqual(w.previousLine, 'b');
    assert.deepStrictEqual(w.nextLines, ['e']);
  });
  it('handles an empty document', () => {
    const w = windowAround(doc(['']), 0, 0, opts);
    assert.strictEqual(w.prefix, '');
    assert.strictEqual(w.suffix, '');
    assert.strictEqual(w.previousLine, undefined);
  });
  it('clamps a position outside the document', () => {
    const w = windowAround(doc(['ab', 'cd']), 9, 99, opts);
    assert.strictEqual(w.prefix, 'ab\ncd');
    assert.strictEqual(w.suffix, '');
  });
  it('reads only the lines of the window in a huge document', () => {
    const d = doc(Array.from({ length: 100000 }, (_, i) => `line ${i}`));
    const w = windowAround(d, 50000, 0, { linesBefore: 400, linesAfter: 100, maxLineChars: 2000, step: 64, contextLines: 8 });
    assert.ok(d.reads < 700, `read ${d.reads} lines`);
    assert.ok(w.startLine <= 50000 - 400 && w.startLine > 50000 - 400 - 64);
    assert.ok(w.endLine >= 50100 && w.endLine < 50100 + 64);
    assert.ok(w.prefix.endsWith('line 49999\n'));
  });
  it('moves the window start in steps, so new lines keep the prompt start', () => {
    const d = doc(Array.from({ length: 1000 }, (_, i) => `l${i}`));
    const o = { linesBefore: 400, linesAfter: 100, maxLineChars: 2000, step: 64, contextLines: 8 };
    const starts = new Set<number>();
    for (let line = 500; line < 560; line++) starts.add(windowAround(d, line, 0, o).startLine);
    assert.ok(starts.size <= 2, `starts ${[...starts].join(',')}`);
  });
  it('caps long lines, keeping the text next to the cursor', () => {
    const long = 'x'.repeat(50) + '|' + 'y'.repeat(50);
    const w = windowAround(doc(['z'.repeat(50), long]), 1, 51, opts);
    assert.strictEqual(w.linePrefix, 'xxxxxxxxx|');
    assert.strictEqual(w.lineSuffix, 'yyyyyyyyyy');
    assert.strictEqual(w.prefix, 'zzzzzzzzzz\nxxxxxxxxx|');
  });
  it('finds the nearest non-blank line above', () => {
    const w = windowAround(doc(['def f():', '', '   ', '    x']), 3, 4, opts);
    assert.strictEqual(w.previousLine, 'def f():');
  });
});

describe('looksBinary', () => {
  it('flags NUL characters only', () => {
    assert.strictEqual(looksBinary('abc\u0000def'), true);
    assert.strictEqual(looksBinary('héllo\ttabs 世界 🎉\r\n'), false);
  });
});
