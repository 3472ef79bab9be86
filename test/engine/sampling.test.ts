import * as assert from 'node:assert';
import { argmax, nucleus, sampleNucleus, seededRandom } from '../../src/engine/sampling';
import { promptLookup, makeDraft } from '../../src/engine/draft';

describe('sampling and drafts', () => {
  it('argmax takes the first maximum', () => {
    assert.strictEqual(argmax(new Float32Array([1, 5, 5, 2])), 1);
  });

  it('seeded random is deterministic and differs across seeds', () => {
    const a = seededRandom(42), b = seededRandom(42), c = seededRandom(43);
    const xs = [a(), a(), a()];
    assert.deepStrictEqual(xs, [b(), b(), b()]);
    assert.notDeepStrictEqual(xs, [c(), c(), c()]);
    assert.ok(xs.every((x) => x >= 0 && x < 1));
  });

  it('nucleus keeps the smallest set reaching top-p, and sampling follows u', () => {
    const row = new Float32Array([Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05)]);
    const kept = nucleus(row, 1, 0.75).map((x) => x.id);
    assert.deepStrictEqual(kept, [0, 1]);
    assert.strictEqual(sampleNucleus(row, 1, 0.75, 0.0), 0);
    assert.strictEqual(sampleNucleus(row, 1, 0.75, 0.99), 1);
    assert.strictEqual(sampleNucleus(row, 1e-6, 1, 0.99), 0, 'temperature → 0 is greedy');
  });

  const lookups: Array<{ seq: number[]; count: number; want: number[] }> = [
    { seq: [1, 2, 3, 4, 1, 2, 3], count: 3, want: [4, 1, 2] },
    { seq: [5, 6, 7, 8, 9, 6, 7], count: 2, want: [8, 9] },
    { seq: [1, 2, 3], count: 2, want: [] },
    { seq: [4, 9, 4], count: 5, want: [9, 4] },
  ];
  for (const t of lookups) {
    it(`prompt lookup ${JSON.stringify(t.seq)}`, () => assert.deepStrictEqual(promptLookup(t.seq, t.count), t.want));
  }

  it('drafts fill what the lookup cannot with the Jacobi guesses', () => {
    assert.deepStrictEqual(makeDraft([1, 2, 3], 3, [7, 8, 9]), [7, 8, 9]);
    assert.deepStrictEqual(makeDraft([1, 2, 1], 3, [7, 8, 9]), [2, 1, 9]);
  });
});
