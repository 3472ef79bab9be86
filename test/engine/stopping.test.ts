import * as assert from 'node:assert';
import { endOfBlock, endOfLine, firstStop, maxTokens, stopTokens } from '../../src/engine/stopping';

describe('stopping criteria', () => {
  it('end of line keeps the text before the newline', () => {
    assert.deepStrictEqual(endOfLine()({ tokens: [1], text: 'abc' }), null);
    assert.deepStrictEqual(endOfLine()({ tokens: [1], text: 'abc)\n    x' }), { reason: 'end-of-line', keep: 4 });
  });

  it('max tokens and stop tokens', () => {
    assert.strictEqual(maxTokens(2)({ tokens: [1], text: '' }), null);
    assert.deepStrictEqual(maxTokens(2)({ tokens: [1, 2], text: '' }), { reason: 'max-tokens' });
    assert.deepStrictEqual(stopTokens([7])({ tokens: [1, 7], text: '' }), { reason: 'eos' });
    assert.strictEqual(stopTokens([7])({ tokens: [7, 1], text: '' }), null);
  });

  const block: Array<{ name: string; line: string; text: string; keep: number | null }> = [
    { name: 'python body ends at dedent', line: 'def f(x):', text: '\n    y = x\n    return y\nprint(f)\n', keep: '\n    y = x\n    return y'.length },
    { name: 'blank line ends the block', line: 'def f(x):', text: '\n    y = x\n\n    z = 1\n', keep: '\n    y = x'.length },
    { name: 'closing brace is kept', line: 'function f() {', text: '\n  return 1;\n}\nconst z = 2;\n', keep: '\n  return 1;\n}'.length },
    { name: 'closing brace waits for its line end', line: 'function f() {', text: '\n  return 1;\n}', keep: null },
    { name: 'inside a body, siblings continue', line: '    ', text: 'a = 1\n    b = 2\n', keep: null },
    { name: 'inside a body, a dedent ends it', line: '    ', text: 'a = 1\n    b = 2\nc = 3', keep: 'a = 1\n    b = 2'.length },
    { name: 'inside a body, a closer below ends it', line: '  ', text: 'a();\n}\n', keep: 'a();'.length },
  ];
  for (const t of block) {
    it(`end of block: ${t.name}`, () => {
      const r = endOfBlock(t.line)({ tokens: [1], text: t.text });
      assert.strictEqual(r === null ? null : r.keep, t.keep);
    });
  }

  it('firstStop returns the first rule that fires', () => {
    const r = firstStop([stopTokens([9]), endOfLine()], { tokens: [9], text: 'a\n' });
    assert.deepStrictEqual(r, { reason: 'eos' });
  });
});
