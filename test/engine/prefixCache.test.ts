import * as assert from 'node:assert';
import { PrefixCache, commonPrefix } from '../../src/engine/prefixCache';
import { KvState } from '../../src/engine/kvState';

/** A KV state for `n` tokens whose values encode the position, 4 floats (16 bytes) per token per array. */
function kv(n: number): KvState {
  const a = new Float32Array(n * 4).map((_, i) => Math.floor(i / 4));
  return { length: n, kvHeads: 1, headDim: 4, keys: [a], values: [a] };
}
const BYTES_PER_TOKEN = 32;

describe('PrefixCache', () => {
  const table: Array<{ name: string; stored: number[][]; query: number[]; want: number }> = [
    { name: 'empty cache', stored: [], query: [1, 2, 3], want: 0 },
    { name: 'exact match', stored: [[1, 2, 3]], query: [1, 2, 3], want: 3 },
    { name: 'query extends entry', stored: [[1, 2, 3]], query: [1, 2, 3, 4, 5], want: 3 },
    { name: 'edit in the middle', stored: [[1, 2, 3, 4, 5]], query: [1, 2, 9, 4, 5], want: 2 },
    { name: 'longest of several', stored: [[1, 2], [1, 2, 3, 4], [7, 8, 9]], query: [1, 2, 3, 9], want: 3 },
    { name: 'no common start', stored: [[5, 6, 7]], query: [1, 2, 3], want: 0 },
    { name: 'entry longer than query', stored: [[1, 2, 3, 4, 5, 6]], query: [1, 2, 3], want: 3 },
  ];
  for (const t of table) {
    it(`matchPrefix: ${t.name}`, () => {
      const c = new PrefixCache(1 << 20);
      for (const s of t.stored) c.insert(s, kv(s.length));
      const m = c.matchPrefix(t.query);
      assert.strictEqual(m.length, t.want);
      assert.strictEqual(m.entry === null, t.want === 0);
    });
  }

  it('drops an entry that a new sequence extends, keeps diverging ones', () => {
    const c = new PrefixCache(1 << 20);
    c.insert([1, 2, 3], kv(3));
    c.insert([1, 2, 3, 4], kv(4));
    assert.strictEqual(c.entries, 1);
    c.insert([1, 2, 9], kv(3));
    assert.strictEqual(c.entries, 2);
    c.insert([1, 2], kv(2)); // covered by a longer entry: not stored twice
    assert.strictEqual(c.entries, 2);
  });

  it('evicts least recently used entries to stay within the byte budget', () => {
    const budget = 10 * 8 * BYTES_PER_TOKEN; // room for ten 8-token sequences
    const c = new PrefixCache(budget);
    for (let i = 0; i < 50; i++) {
      c.insert([100 + i, 1, 2, 3, 4, 5, 6, 7], kv(8));
      assert.ok(c.bytes <= budget, `bytes ${c.bytes} > budget ${budget}`);
      if (i === 45) c.matchPrefix([141, 1]); // touch an older one so it survives
    }
    assert.ok(c.maxBytes <= budget);
    assert.strictEqual(c.entries, 10);
    assert.strictEqual(c.matchPrefix([141, 1]).length, 2, 'recently used entry kept');
    assert.strictEqual(c.matchPrefix([100, 1]).length, 0, 'oldest entry evicted');
  });

  it('refuses an entry larger than the whole budget, and shrinking the budget evicts', () => {
    const c = new PrefixCache(4 * BYTES_PER_TOKEN);
    c.insert([1, 2, 3, 4, 5], kv(5));
    assert.strictEqual(c.entries, 0);
    c.setBudget(100 * BYTES_PER_TOKEN);
    for (let i = 0; i < 5; i++) c.insert([i, 9, 9, 9], kv(4));
    c.setBudget(8 * BYTES_PER_TOKEN);
    assert.ok(c.bytes <= 8 * BYTES_PER_TOKEN);
    assert.strictEqual(c.entries, 2);
  });

  it('commonPrefix', () => {
    assert.strictEqual(commonPrefix([], [1]), 0);
    assert.strictEqual(commonPrefix([1, 2], [1, 2]), 2);
    assert.strictEqual(commonPrefix([1, 2, 3], [1, 2, 4]), 2);
  });
});
