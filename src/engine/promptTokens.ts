import { CodeTokenizer } from './tokenizer';
import { ModelConfig } from './modelConfig';
import { budgetFor, layoutPrompt } from './promptLayout';

export interface PromptTokens {
  tokens: number[];
  lineSoFar: string;
}

/** New tokens a request may generate (at most a quarter of the context). */
export function maxNewTokensFor(contextLength: number, requested: number | undefined): number {
  return Math.max(1, Math.min(requested ?? 64, contextLength >> 2));
}

/** Trim granularity at the head's start: trimming in steps keeps the prompt stable across keystrokes. */
const TRIM_STEP = 128;

/** Lay the prompt out (promptLayout.ts), tokenize each section, and fit it into `budget` tokens. */
export async function buildPrompt(
  tok: CodeTokenizer,
  cfg: ModelConfig,
  prefix: string,
  suffix: string,
  budget: number,
): Promise<PromptTokens> {
  const plan = layoutPrompt(prefix, cfg.fim ? suffix : '', budgetFor(budget));
  let head = await tok.encodeMemo(plan.head);
  const middle = await tok.encode(plan.middle);
  let suf = cfg.fim ? await tok.encodeMemo(plan.suffix) : [];
  const special = cfg.fim ? 3 : 0;
  // Sections are sized by characters; if the tokens still overflow, cut the suffix's end
  // first, then the head's start, in fixed steps.
  const over = () => head.length + middle.length + suf.length + special - budget;
  if (over() > 0 && suf.length > budget >> 3) suf = suf.slice(0, Math.max(budget >> 3, suf.length - over()));
  if (over() > 0) head = head.slice(Math.min(head.length, Math.ceil(over() / TRIM_STEP) * TRIM_STEP));
  let mid = middle;
  if (over() > 0) mid = middle.slice(over()); // middle alone over budget: keep its end (nearest the cursor)
  if (!cfg.fim) {
    // A plain-prefix model needs at least one token to predict from: an empty document
    // starts from the end-of-text token, as GPT-2-style models were trained.
    const tokens = [...head, ...mid];
    return { tokens: tokens.length ? tokens : cfg.stopTokenIds.slice(0, 1), lineSoFar: plan.lineSoFar };
  }
  const id = (t: string) => {
    const v = tok.tokenId(t);
    if (v === undefined) throw new Error(`FIM token ${t} is not in the vocabulary`);
    return v;
  };
  const f = cfg.fim;
  return { tokens: [id(f.prefix), ...head, id(f.suffix), ...suf, id(f.middle), ...mid], lineSoFar: plan.lineSoFar };
}
