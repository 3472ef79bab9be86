import * as assert from 'assert';
import { SuggestionCache, SuggestionSite } from '../../../src/vscode/suggestionCache';

function site(before: string, linePrefix: string, suffix = '', options = 'o'): SuggestionSite {
  return { prefix: before + linePrefix, linePrefix, suffix, options };
}

describe('SuggestionCache', () => {
  it('returns the same suggestion at the same site', () => {
    const c = new SuggestionCache();
    c.remember(site('a\n', 'const x = '), ['foo(1);']);
    assert.deepStrictEqual(c.lookup(site('a\n', 'const x = ')), ['foo(1);']);
  });
  it('typing through a suggestion returns the rest', () => {
    const c = new SuggestionCache();
    c.remember(site('a\n', 'const x = '), ['foo(1);', 'bar();']);
    assert.deepStrictEqual(c.lookup(site('a\n', 'const x = fo')), ['o(1);']);
    assert.deepStrictEqual(c.lookup(site('a\n', 'const x = b')), ['ar();']);
  });
  it('misses when the typed text diverges or consumes the suggestion', () => {
    const c = new SuggestionCache();
    c.remember(site('a\n', 'x = '), ['foo']);
    assert.strictEqual(c.lookup(site('a\n', 'x = fx')), undefined);
    assert.strictEqual(c.lookup(site('a\n', 'x = foo')), undefined);
  });
  it('misses when the lines above, the suffix or the options differ', () => {
    const c = new SuggestionCache();
    c.remember(site('a\n', 'x = ', ')'), ['foo']);
    assert.strictEqual(c.lookup(site('b\n', 'x = ', ')')), undefined);
    assert.strictEqual(c.lookup(site('a\n', 'x = ', ']')), undefined);
    assert.strictEqual(c.lookup(site('a\n', 'x = ', ')', 'other')), undefined);
    assert.deepStrictEqual(c.lookup(site('a\n', 'x = ', ')')), ['foo']);
  });
  it('keeps the most recent suggestion first', () => {
    const c = new SuggestionCache();
    c.remember(site('', 'x'), ['abc']);
    c.remember(site('', 'xa'), ['bXY']);
    assert.deepStrictEqual(c.lookup(site('', 'xab')), ['XY']);
  });
  it('ignores empty suggestions', () => {
    const c = new SuggestionCache();
    c.remember(site('', 'x'), ['']);
    assert.strictEqual(c.size, 0);
  });
  it('evicts the least recently used context', () => {
    const c = new SuggestionCache(2);
    c.remember(site('1', ''), ['a']);
    c.remember(site('2', ''), ['b']);
    assert.ok(c.lookup(site('1', '')));
    c.remember(site('3', ''), ['c']);
    assert.ok(c.lookup(site('1', '')));
    assert.strictEqual(c.lookup(site('2', '')), undefined);
    assert.ok(c.lookup(site('3', '')));
  });
  it('clears', () => {
    const c = new SuggestionCache();
    c.remember(site('', 'x'), ['y']);
    c.clear();
    assert.strictEqual(c.lookup(site('', 'x')), undefined);
  });
});
