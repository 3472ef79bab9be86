import { CodeTokenizer } from '../tokenizer';
import { readModelConfig } from '../modelConfig';
import { buildPrompt } from '../promptTokens';
import { CursorState } from './heldout';

/**
 * Our engine's exact prompt token ids for a cursor state, so the peer runs the very same
 * input. Mirrors CompletionEngine.run: the prompt budget is the context minus the new
 * tokens (clamped to a quarter of the context). The bench checks the lengths against the
 * engine's own `promptTokens`, so a drift shows up as `peer.samePrompt: false`.
 */
export type PromptIds = (state: CursorState, maxNewTokens: number) => Promise<number[]>;

export function promptIdsFor(modelDir: string): { promptIds: PromptIds; encode: (text: string) => Promise<number[]> } {
  const tok = CodeTokenizer.load(modelDir);
  const cfg = readModelConfig(modelDir, (t) => tok.tokenId(t));
  const promptIds: PromptIds = async (state, maxNewTokens) => {
    const maxNew = Math.max(1, Math.min(maxNewTokens, cfg.contextLength >> 2));
    return (await buildPrompt(tok, cfg, state.prefix, state.suffix, cfg.contextLength - maxNew)).tokens;
  };
  return { promptIds, encode: (text) => tok.encode(text) };
}
