import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from 'tokenizers';
import { ModelLoadError } from './errors';

/**
 * tokenizer.json through the `tokenizers` package. Text is encoded without added
 * special tokens; special tokens are looked up by name and spliced in as ids, so
 * code that happens to contain "<|endoftext|>" is never read as a control token.
 */
export class CodeTokenizer {
  private readonly memo = new Map<string, number[]>();

  private readonly utf8 = new TextDecoder('utf-8');

  private constructor(
    private readonly tok: Tokenizer,
    readonly path: string,
    /** Added (special) tokens' text; user text containing one is split so it never becomes that token. */
    private readonly specials: string[],
    /** id → bytes for byte-level BPE vocabularies (null: decode through the tokenizers package). */
    private readonly bytes: Array<Uint8Array | undefined> | null,
  ) {}

  static load(dir: string): CodeTokenizer {
    const path = join(dir, 'tokenizer.json');
    if (!existsSync(path)) throw new ModelLoadError('missing', path, 'tokenizer.json not found in the model folder');
    try {
      const json = JSON.parse(readFileSync(path, 'utf8')) as TokenizerJson;
      const specials = (json.added_tokens ?? []).map((t) => t.content).filter((t) => t.length > 1);
      return new CodeTokenizer(Tokenizer.fromFile(path), path, specials, byteTable(json));
    } catch (e) {
      throw new ModelLoadError('corrupt', path, `tokenizer.json cannot be loaded: ${(e as Error).message}`);
    }
  }

  tokenId(token: string): number | undefined {
    const id = this.tok.tokenToId(token);
    return id === null || id === undefined ? undefined : id;
  }

  async encode(text: string): Promise<number[]> {
    if (text.length === 0) return [];
    const hit = this.specials.find((s) => text.includes(s));
    if (hit !== undefined) {
      // The tokenizers package matches added tokens inside any text. Encode around the
      // literal and split the literal itself, so code can mention "<|endoftext|>".
      const i = text.indexOf(hit);
      const parts = [text.slice(0, i), hit.slice(0, 1), hit.slice(1), text.slice(i + hit.length)];
      const ids = await Promise.all(parts.map((p) => this.encode(p)));
      return ids.flat();
    }
    const enc = await this.tok.encode(text, null, { addSpecialTokens: false });
    return enc.getIds();
  }

  /**
   * Encode with a small memo: the prompt's head and suffix sections repeat from
   * keystroke to keystroke, so most calls are hits.
   */
  async encodeMemo(text: string): Promise<number[]> {
    const hit = this.memo.get(text);
    if (hit) return hit;
    const ids = await this.encode(text);
    if (this.memo.size >= 16) this.memo.delete(this.memo.keys().next().value as string);
    this.memo.set(text, ids);
    return ids;
  }

  /**
   * Decode without special tokens. Byte-level vocabularies (GPT-2, Qwen, StarCoder, ours)
   * decode synchronously from a table: the decode loop calls this after every token, and
   * a round trip through the package's thread pool costs 0.1–1 ms under load.
   */
  async decode(ids: number[]): Promise<string> {
    if (ids.length === 0) return '';
    const table = this.bytes;
    if (table && ids.every((i) => i >= 0 && i < table.length)) {
      let n = 0;
      for (const i of ids) n += table[i]?.length ?? 0;
      const buf = new Uint8Array(n);
      let o = 0;
      for (const i of ids) {
        const b = table[i];
        if (b) {
          buf.set(b, o);
          o += b.length;
        }
      }
      return this.utf8.decode(buf);
    }
    return this.tok.decode(ids, true);
  }
}

interface TokenizerJson {
  added_tokens?: Array<{ id: number; content: string; special?: boolean }>;
  decoder?: { type?: string } | null;
  model?: { type?: string; vocab?: Record<string, number> };
}

/** GPT-2's printable-unicode alphabet for the 256 byte values, inverted: char code → byte. */
function unicodeToByte(): Map<number, number> {
  const bs: number[] = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n++);
    }
  }
  return new Map(cs.map((c, i) => [c, bs[i]]));
}

/** id → bytes when the tokenizer is a byte-level BPE (ByteLevel decoder), else null. */
function byteTable(json: TokenizerJson): Array<Uint8Array | undefined> | null {
  if (json.decoder?.type !== 'ByteLevel' || json.model?.type !== 'BPE' || !json.model.vocab) return null;
  const u2b = unicodeToByte();
  const table: Array<Uint8Array | undefined> = [];
  for (const [tok, id] of Object.entries(json.model.vocab)) {
    const out: number[] = [];
    for (const ch of tok) {
      const b = u2b.get(ch.codePointAt(0)!);
      if (b === undefined) return null; // not a pure byte-level vocabulary
      out.push(b);
    }
    table[id] = Uint8Array.from(out);
  }
  for (const t of json.added_tokens ?? []) {
    table[t.id] = t.special ? new Uint8Array(0) : new TextEncoder().encode(t.content);
  }
  return table;
}
