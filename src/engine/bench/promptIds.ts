import { CodeTokenizer } from '../tokenizer';
import { readModelConfig } from '../modelConfig';
import { buildPrompt, maxNewTokensFor } from '../promptTokens';
import { CursorState } from './heldout';

/**
 * Our engine's exact prompt token ids for a cursor state, so the peer runs the very same
 * input. Uses the engine's own budget rule (maxNewTokensFor) and buildPrompt. The bench checks the lengths against the
 * engine's own `promptTokens`, so a drift shows up as `peer.samePrompt: false`.
 */
export type PromptIds = (state: CursorState, maxNewTokens: number) => Promise<number[]>;

export function promptIdsFor(modelDir: string): { promptIds: PromptIds; encode: (text: string) => Promise<number[]> } {
  const tok = CodeTokenizer.load(modelDir);
  const cfg = readModelConfig(modelDir, (t) => tok.tokenId(t));
  const promptIds: PromptIds = async (state, maxNewTokens) => {
    const maxNew = maxNewTokensFor(cfg.contextLength, maxNewTokens);
    return (await buildPrompt(tok, cfg, state.prefix, state.suffix, cfg.contextLength - maxNew)).tokens;
  };
  return { promptIds, encode: (text) => tok.encode(text) };
}
