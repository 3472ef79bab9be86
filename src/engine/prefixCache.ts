import { LRUCache } from 'lru-cache';
import { KvState, kvBytes } from './kvState';

/**
 * Several token sequences with their keys/values, bounded by bytes, evicted LRU.
 * The API follows sglang's radix cache: matchPrefix → (length, handle); insert; evict (implicit).
 *
 * With a 1k-token context there are only tens of sequences in a 256 MB budget, so a
 * linear scan for the longest common prefix costs microseconds; a radix tree would
 * pay for itself only with thousands of entries (see docs/engine.md).
 */
export interface CacheEntry {
  readonly tokens: readonly number[];
  readonly kv: KvState;
}

export interface PrefixMatch {
  /** Number of leading tokens whose keys/values the entry holds. */
  length: number;
  entry: CacheEntry | null;
}

export function commonPrefix(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

export class PrefixCache {
  private lru: LRUCache<number, CacheEntry>;
  private nextKey = 0;
  private peakBytes = 0;

  constructor(private budget: number) {
    this.lru = this.make(budget);
  }

  private make(budget: number): LRUCache<number, CacheEntry> {
    return new LRUCache<number, CacheEntry>({
      maxSize: Math.max(1, budget),
      sizeCalculation: (e) => Math.max(1, kvBytes(e.kv)),
    });
  }

  get budgetBytes(): number {
    return this.budget;
  }

  get bytes(): number {
    return this.lru.calculatedSize;
  }

  /** Highest byte total ever held (the budget bounds it). */
  get maxBytes(): number {
    return this.peakBytes;
  }

  get entries(): number {
    return this.lru.size;
  }

  setBudget(bytes: number): void {
    const old = [...this.lru.rvalues()]; // least recent first, so re-inserting keeps the order
    this.budget = bytes;
    this.lru = this.make(bytes);
    for (const e of old) this.lru.set(this.nextKey++, e);
  }

  matchPrefix(tokens: readonly number[]): PrefixMatch {
    let best: PrefixMatch = { length: 0, entry: null };
    let bestKey = -1;
    for (const [key, e] of this.lru.entries()) {
      const n = Math.min(commonPrefix(tokens, e.tokens), e.kv.length);
      if (n > best.length) {
        best = { length: n, entry: e };
        bestKey = key;
      }
    }
    if (bestKey >= 0) this.lru.get(bestKey); // mark as recently used
    return best;
  }

  /** Store `tokens` with their keys/values (kv.length === tokens.length). Superseded prefixes are dropped. */
  insert(tokens: readonly number[], kv: KvState): void {
    if (kv.length !== tokens.length) throw new Error(`insert: ${tokens.length} tokens but kv holds ${kv.length}`);
    if (tokens.length === 0 || kvBytes(kv) > this.budget) return;
    for (const [key, e] of [...this.lru.entries()]) {
      const n = commonPrefix(tokens, e.tokens);
      if (n === tokens.length) {
        this.lru.get(key); // already covered by a longer entry
        return;
      }
      if (n === e.tokens.length) this.lru.delete(key); // the new sequence extends it
    }
    this.lru.set(this.nextKey++, { tokens: [...tokens], kv });
    this.peakBytes = Math.max(this.peakBytes, this.bytes);
  }

  clear(): void {
    this.lru.clear();
  }
}
