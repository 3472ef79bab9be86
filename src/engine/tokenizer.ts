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

  private constructor(
    private readonly tok: Tokenizer,
    readonly path: string,
    /** Added (special) tokens' text; user text containing one is split so it never becomes that token. */
    private readonly specials: string[],
  ) {}

  static load(dir: string): CodeTokenizer {
    const path = join(dir, 'tokenizer.json');
    if (!existsSync(path)) throw new ModelLoadError('missing', path, 'tokenizer.json not found in the model folder');
    try {
      const json = JSON.parse(readFileSync(path, 'utf8')) as { added_tokens?: Array<{ content: string }> };
      const specials = (json.added_tokens ?? []).map((t) => t.content).filter((t) => t.length > 1);
      return new CodeTokenizer(Tokenizer.fromFile(path), path, specials);
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

  async decode(ids: number[]): Promise<string> {
    if (ids.length === 0) return '';
    return this.tok.decode(ids, true);
  }
}
