import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelLoadError } from './errors';

/** What the engine needs to know about a model, read from an HF-style config.json. */
export interface ModelConfig {
  contextLength: number;
  vocabSize: number;
  /** Token ids that end a completion (eos, file separator, ...). */
  stopTokenIds: number[];
  /** Fill-in-the-middle special tokens, when the model was trained with them. */
  fim: { prefix: string; suffix: string; middle: string } | null;
  layers?: number;
  kvHeads?: number;
  headDim?: number;
}

type Json = Record<string, unknown>;

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function ids(v: unknown): number[] {
  if (typeof v === 'number') return [v];
  if (Array.isArray(v)) return v.filter((x): x is number => typeof x === 'number');
  return [];
}

/** Known FIM token spellings of community models, tried when config.json has no explicit FIM block. */
const KNOWN_FIM: Array<{ prefix: string; suffix: string; middle: string }> = [
  { prefix: '<|fim_prefix|>', suffix: '<|fim_suffix|>', middle: '<|fim_middle|>' }, // Qwen2.5-Coder, ours
  { prefix: '<fim_prefix>', suffix: '<fim_suffix>', middle: '<fim_middle>' }, // StarCoder, SantaCoder
  { prefix: '<｜fim▁begin｜>', suffix: '<｜fim▁hole｜>', middle: '<｜fim▁end｜>' }, // DeepSeek-Coder
];

/**
 * Reads config.json (and generation_config.json when present). `vocabTokens` is the
 * tokenizer's token→id lookup, used to find FIM and stop tokens a config does not name.
 */
export function readModelConfig(dir: string, vocabTokens: (t: string) => number | undefined): ModelConfig {
  const path = join(dir, 'config.json');
  if (!existsSync(path)) throw new ModelLoadError('missing', path, 'config.json not found in the model folder');
  let cfg: Json;
  try {
    cfg = JSON.parse(readFileSync(path, 'utf8')) as Json;
  } catch (e) {
    throw new ModelLoadError('corrupt', path, `config.json is not valid JSON: ${(e as Error).message}`);
  }
  let gen: Json = {};
  const genPath = join(dir, 'generation_config.json');
  if (existsSync(genPath)) {
    try {
      gen = JSON.parse(readFileSync(genPath, 'utf8')) as Json;
    } catch {
      gen = {}; // optional file; config.json is authoritative
    }
  }
  const ours = (cfg['local_complete'] ?? {}) as Json;
  const heads = num(cfg['num_attention_heads']) ?? num(cfg['n_head']);
  const hidden = num(cfg['hidden_size']) ?? num(cfg['n_embd']);
  const contextLength =
    num(ours['context_length']) ?? num(cfg['max_position_embeddings']) ?? num(cfg['n_positions']) ?? 2048;
  const vocabSize = num(cfg['vocab_size']);
  if (!vocabSize) throw new ModelLoadError('incompatible', path, 'config.json has no vocab_size');

  const stop = new Set<number>([...ids(ours['stop_token_ids']), ...ids(cfg['eos_token_id']), ...ids(gen['eos_token_id'])]);
  for (const t of ['<|endoftext|>', '<|file_sep|>', '<|im_end|>', '<|fim_pad|>', '<|eot_id|>', '</s>', '<file_sep>']) {
    const id = vocabTokens(t);
    if (id !== undefined) stop.add(id);
  }
  let fim: ModelConfig['fim'] = null;
  const f = ours['fim'] as Json | undefined;
  if (f && typeof f['prefix'] === 'string' && typeof f['suffix'] === 'string' && typeof f['middle'] === 'string') {
    fim = { prefix: f['prefix'], suffix: f['suffix'], middle: f['middle'] };
  } else {
    fim = KNOWN_FIM.find((k) => [k.prefix, k.suffix, k.middle].every((t) => vocabTokens(t) !== undefined)) ?? null;
  }
  return {
    contextLength,
    vocabSize,
    stopTokenIds: [...stop],
    fim,
    layers: num(cfg['num_hidden_layers']) ?? num(cfg['n_layer']),
    kvHeads: num(cfg['num_key_value_heads']) ?? heads,
    headDim: num(cfg['head_dim']) ?? (heads && hidden ? hidden / heads : undefined),
  };
}
