import * as assert from 'assert';
import type { MultilinePolicy } from '../../../src/vscode/configValues';
import {
  IndentStyle,
  LineContext,
  convertIndent,
  decideMultiline,
  dropRepeatedNextLines,
  indentWidth,
  opensBlock,
  postprocess,
  trimSuffixOverlap,
} from '../../../src/vscode/postprocess';

function ctx(linePrefix: string, lineSuffix = '', nextLines: string[] = [], previousLine?: string): LineContext {
  return { linePrefix, lineSuffix, nextLines, previousLine };
}

describe('postprocess', () => {
  interface Case {
    name: string;
    raw: string;
    ctx: LineContext;
    multiline?: boolean;
    indent?: IndentStyle;
    want: string;
  }
  const cases: Case[] = [
    { name: 'plain single line', raw: 'foo(bar);', ctx: ctx('const x = '), want: 'foo(bar);' },
    { name: 'single line cuts at the first newline', raw: 'a;\nb;', ctx: ctx('x = '), want: 'a;' },
    { name: 'trailing whitespace stripped', raw: 'abc  \t ', ctx: ctx('x = '), want: 'abc' },
    { name: 'whitespace only is dropped', raw: '   \t', ctx: ctx('x = '), want: '' },
    { name: 'empty is dropped', raw: '', ctx: ctx('x = '), want: '' },
    { name: 'leading newline in single-line mode is dropped', raw: '\nfoo();', ctx: ctx('x;'), want: '' },
    { name: 'no doubled space after the cursor', raw: ' x;', ctx: ctx('return '), want: 'x;' },
    { name: 'leading space kept when the prefix has none', raw: ' + 1', ctx: ctx('a'), want: ' + 1' },
    { name: 'duplicated closing paren removed', raw: 'a, b)', ctx: ctx('foo(', ')'), want: 'a, b' },
    { name: 'balanced call before a paren kept', raw: 'foo()', ctx: ctx('bar(', ')'), want: 'foo()' },
    { name: 'duplicated `);` removed', raw: '"hi");', ctx: ctx('console.log(', ');'), want: '"hi"' },
    { name: 'duplicated closing quote removed', raw: 'hello"', ctx: ctx('x = "', '"'), want: 'hello' },
    { name: 'balanced string before a quote kept', raw: '"a" + "b"', ctx: ctx('f(', '"'), want: '"a" + "b"' },
    { name: 'whole rest of the line repeated is removed', raw: 'a, b)', ctx: ctx('foo(', ', b)'), want: 'a' },
    { name: 'word overlap that is not the whole rest is kept', raw: 'y', ctx: ctx('x = ', 'y + 1'), want: 'y' },
    { name: 'duplicated bracket and brace', raw: 'x) {', ctx: ctx('if (', ') {'), want: 'x' },
    { name: 'completion that is only the suffix is dropped', raw: ')', ctx: ctx('foo(', ')'), want: '' },
    { name: 'closing bracket of an array', raw: '1, 2, 3]', ctx: ctx('const a = [', '];'), want: '1, 2, 3' },
    {
      name: 'multi-line body; the closing brace already in the document is dropped',
      raw: '\n  return 1;\n}',
      ctx: ctx('function f() {', '', ['}']),
      multiline: true,
      want: '\n  return 1;',
    },
    {
      name: 'multi-line keeps a closing brace the document lacks',
      raw: '\n  return 1;\n}',
      ctx: ctx('function f() {', '', ['', 'const y = 2;']),
      multiline: true,
      want: '\n  return 1;\n}',
    },
    {
      name: 'inner closing brace kept when only the outer one follows',
      raw: '\n  if (a) {\n    b();\n  }\n}',
      ctx: ctx('function f() {', '', ['}']),
      multiline: true,
      want: '\n  if (a) {\n    b();\n  }',
    },
    {
      name: 'python block ends at the dedent',
      raw: '\n    return x\n\ndef g():\n    pass',
      ctx: ctx('def f(x):'),
      multiline: true,
      want: '\n    return x',
    },
    {
      name: 'blank indented line inside a block keeps to the block',
      raw: 'y = x + 1\n    return y\nprint(f(1))',
      ctx: ctx('    ', '', [], 'def f(x):'),
      multiline: true,
      want: 'y = x + 1\n    return y',
    },
    {
      name: 'after the closer at the opener indent nothing more',
      raw: '\n  a();\n}\nfunction g() {',
      ctx: ctx('function f() {'),
      multiline: true,
      want: '\n  a();\n}',
    },
    {
      name: 'trailing blank lines dropped',
      raw: '\n  x();\n\n\n',
      ctx: ctx('if (a) {'),
      multiline: true,
      want: '\n  x();',
    },
    {
      name: 'spaces converted to tabs',
      raw: '\n    return 1;\n}',
      ctx: ctx('function f() {'),
      multiline: true,
      indent: { insertSpaces: false, tabSize: 4 },
      want: '\n\treturn 1;\n}',
    },
    {
      name: 'tabs converted to spaces',
      raw: '\n\treturn 1;',
      ctx: ctx('function f() {'),
      multiline: true,
      indent: { insertSpaces: true, tabSize: 2 },
      want: '\n  return 1;',
    },
    { name: 'CRLF normalised', raw: 'a\r\nb', ctx: ctx(''), multiline: true, want: 'a\nb' },
    { name: 'multi-line with a suffix on the last line', raw: '\n  a: 1,\n}', ctx: ctx('const o = {', ''), multiline: true, want: '\n  a: 1,\n}' },
    { name: 'unicode survives', raw: '"héllo 世界 🎉"', ctx: ctx('s = '), want: '"héllo 世界 🎉"' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.strictEqual(postprocess(c.raw, c.ctx, { multiline: c.multiline ?? false, indent: c.indent }), c.want);
    });
  }
});

describe('decideMultiline', () => {
  const cases: [MultilinePolicy, string, string, string | undefined, boolean][] = [
    ['never', 'if (x) {', '', undefined, false],
    ['auto', 'if (x) {', '', undefined, true],
    ['auto', 'if (x) {', '   ', undefined, true],
    ['auto', 'foo(', ')', undefined, false],
    ['auto', 'const x = 1;', '', undefined, false],
    ['auto', 'const f = () =>', '', undefined, true],
    ['auto', 'def f(x):', '', undefined, true],
    ['auto', 'items = [', '', undefined, true],
    ['auto', '    ', '', 'def f(x):', true],
    ['auto', '    ', '', 'x = 1', false],
    ['auto', '', '', undefined, false],
    ['always', 'x', '', undefined, true],
    ['always', 'x', 'y', undefined, false],
  ];
  for (const [policy, linePrefix, lineSuffix, previousLine, want] of cases) {
    it(`${policy}: ${JSON.stringify(linePrefix)} | ${JSON.stringify(lineSuffix)} (above ${JSON.stringify(previousLine)}) → ${want}`, () => {
      assert.strictEqual(decideMultiline(policy, { linePrefix, lineSuffix, previousLine }), want);
    });
  }
});

describe('opensBlock', () => {
  const cases: [string, boolean][] = [
    ['if (a) {', true],
    ['foo(', true],
    ['x = [', true],
    ['else:', true],
    ['(a) =>', true],
    ['fn f() ->', true],
    ['let x =', false],
    ['const message = ', false],
    ['5.times do', true],
    ['if x then', true],
    ['return x;', false],
    ['', false],
    ['   ', false],
    ['}', false],
    ['undo', false],
  ];
  for (const [line, want] of cases) it(`${JSON.stringify(line)} → ${want}`, () => assert.strictEqual(opensBlock(line), want));
});

describe('trimSuffixOverlap', () => {
  const cases: [string, string, string][] = [
    ['a)', ')', 'a'],
    ['a()', ')', 'a()'],
    ['x]);', ']);', 'x'],
    ['a', '', 'a'],
    ['a', '   ', 'a'],
    ['b;', ';', 'b'],
    ['x)', ' )', 'x'],
    ["'s'", "'", "'s'"],
    ["s'", "'", 's'],
  ];
  for (const [completion, suffix, want] of cases) {
    it(`${JSON.stringify(completion)} before ${JSON.stringify(suffix)} → ${JSON.stringify(want)}`, () => {
      assert.strictEqual(trimSuffixOverlap(completion, suffix), want);
    });
  }
});

describe('dropRepeatedNextLines', () => {
  it('drops the last lines that repeat the document', () => {
    assert.deepStrictEqual(dropRepeatedNextLines(['', '  a();', '}', '}'], ['}', '}']), ['', '  a();']);
  });
  it('never drops the first line', () => {
    assert.deepStrictEqual(dropRepeatedNextLines(['}'], ['}']), ['}']);
  });
  it('ignores blank document lines', () => {
    assert.deepStrictEqual(dropRepeatedNextLines(['', 'x', 'y'], ['', 'y']), ['', 'x']);
  });
  it('compares indentation exactly', () => {
    assert.deepStrictEqual(dropRepeatedNextLines(['', '  }'], ['}']), ['', '  }']);
  });
});

describe('indentation helpers', () => {
  it('measures tabs to the next tab stop', () => {
    assert.strictEqual(indentWidth('\t x', 4), 5);
    assert.strictEqual(indentWidth('  \tx', 4), 4);
    assert.strictEqual(indentWidth('x', 4), 0);
  });
  it('converts both ways', () => {
    assert.strictEqual(convertIndent('      x', { insertSpaces: false, tabSize: 4 }), '\t  x');
    assert.strictEqual(convertIndent('\t\tx', { insertSpaces: true, tabSize: 2 }), '    x');
    assert.strictEqual(convertIndent('x', { insertSpaces: true, tabSize: 2 }), 'x');
  });
});
