import * as assert from 'node:assert';
import { truncateKv, kvBytes, KvState } from '../../src/engine/kvState';

describe('truncateKv', () => {
  it('keeps the first n positions of every head', () => {
    // [1, kvHeads=2, length=3, headDim=2], value = head*100 + pos*10 + d
    const a = new Float32Array(12);
    for (let h = 0; h < 2; h++) for (let p = 0; p < 3; p++) for (let d = 0; d < 2; d++) a[(h * 3 + p) * 2 + d] = h * 100 + p * 10 + d;
    const kv: KvState = { length: 3, kvHeads: 2, headDim: 2, keys: [a], values: [a] };
    const t = truncateKv(kv, 2);
    assert.strictEqual(t.length, 2);
    assert.deepStrictEqual([...t.keys[0]], [0, 1, 10, 11, 100, 101, 110, 111]);
    assert.strictEqual(kvBytes(t), 2 * 8 * 4);
    assert.strictEqual(truncateKv(kv, 5), kv);
  });
});
