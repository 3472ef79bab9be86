import * as assert from 'node:assert';
import { budgetFor, layoutPrompt } from '../../src/engine/promptLayout';
import { sampleSources } from './helpers';

const budget = budgetFor(900);
const sectionsOf = (p: string, s: string) => layoutPrompt(p, s, budget);

describe('prompt layout', () => {
  const file = sampleSources().join('\n');

  it('typing on a line only appends to the middle', () => {
    const at = file.indexOf('\n', 5000) + 1;
    const a = sectionsOf(file.slice(0, at) + 'con', file.slice(at));
    const b = sectionsOf(file.slice(0, at) + 'cons', file.slice(at));
    assert.strictEqual(a.head, b.head);
    assert.strictEqual(a.suffix, b.suffix);
    assert.ok(b.middle.startsWith(a.middle));
  });

  it('pressing Enter mostly keeps the head: it changes at anchor lines only', () => {
    let changed = 0;
    let at = file.indexOf('\n', 8000) + 1;
    let prev = sectionsOf(file.slice(0, at), file.slice(at));
    for (let i = 0; i < 60; i++) {
      at = file.indexOf('\n', at) + 1; // one more line typed
      const cur = sectionsOf(file.slice(0, at), file.slice(at));
      if (cur.head !== prev.head) changed++;
      prev = cur;
    }
    assert.ok(changed < 40, `head changed on ${changed} of 60 new lines`);
    assert.ok(changed > 0, 'head must move forward eventually');
  });

  it('sections stay within their budgets for a huge file and a minified line', () => {
    const huge = 'x = 1\n'.repeat(2_000_000); // 12 MB
    const p = sectionsOf(huge, huge);
    assert.ok(p.head.length <= budget.headChars && p.suffix.length <= budget.suffixChars);
    const minified = 'var a=' + '1+'.repeat(25_000) + '1;';
    const m = sectionsOf(minified, minified);
    assert.ok(m.middle.length <= budget.middleChars && m.suffix.length <= budget.suffixChars);
    assert.ok(m.middle.endsWith('1+1;'), 'keeps the text nearest the cursor');
  });

  it('an empty document gives empty sections', () => {
    assert.deepStrictEqual(sectionsOf('', ''), { head: '', suffix: '', middle: '', lineSoFar: '' });
  });

  it('the middle is the recent lines plus the cursor line', () => {
    const p = sectionsOf('a\nb\nc\n  de', 'f\ng\n');
    assert.ok(p.middle.endsWith('  de'));
    assert.strictEqual(p.lineSoFar, '  de');
    assert.strictEqual(p.head + p.middle, 'a\nb\nc\n  de');
    assert.strictEqual(p.suffix, 'f\ng\n');
  });
});
