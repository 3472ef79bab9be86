import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The peer: the same model folder through transformers.js (`@huggingface/transformers`, on
 * the same onnxruntime-node), local files only, greedy. It is ESM-only in spirit and a dev
 * dependency, so it is loaded lazily with a real dynamic import (tsc would turn a plain
 * `import()` into `require`).
 */
// The peer's API stays untyped here on purpose: only a handful of calls, and no type import of an ESM package.
const importEsm = new Function('s', 'return import(s)') as (s: string) => Promise<any>;

export interface PeerRun {
  tokens: number[];
  /** Milliseconds from the call to each new token (index i: token i + 1 was picked). */
  tokenMs: number[];
  totalMs: number;
}

export interface PeerModel {
  version: string;
  loadMs: number;
  /** The peer's tokenizer gives our tokenizer's ids for a sample of held-out code. */
  tokenizerMatches: boolean;
  generate(ids: number[], maxNewTokens: number): Promise<PeerRun>;
  dispose(): Promise<void>;
}

/** Files transformers.js reads for a causal LM in fp32, and whether each is there. */
function folderReport(dir: string): string {
  const files = ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];
  const report = files.map((f) => `${f}: ${existsSync(join(dir, f)) ? 'present' : 'MISSING'}`).join(', ');
  // transformers.js reads tokenizer_class from tokenizer_config.json and fails obscurely without it
  const hint = existsSync(join(dir, 'tokenizer_config.json'))
    ? ''
    : '; transformers.js needs tokenizer_config.json (at least {"tokenizer_class": "PreTrainedTokenizerFast"})';
  return report + hint;
}

export async function loadPeer(
  modelDir: string,
  threads: number,
  sample: { text: string; ids: number[] },
): Promise<PeerModel> {
  const t0 = performance.now();
  let tf;
  try {
    tf = await importEsm('@huggingface/transformers');
  } catch (e) {
    throw new Error(`cannot import @huggingface/transformers (a devDependency; run npm install): ${(e as Error).message}`);
  }
  tf.env.allowRemoteModels = false;
  tf.env.allowLocalModels = true;
  tf.env.localModelPath = dirname(modelDir) + '/';
  const name = basename(modelDir);
  const stage = async (what: string, f: () => Promise<any>): Promise<any> => {
    try {
      return await f();
    } catch (e) {
      throw new Error(`transformers.js cannot load the ${what} from ${modelDir}: ${(e as Error).message} [${folderReport(modelDir)}]`);
    }
  };
  const tokenizer = await stage('tokenizer', () => tf.AutoTokenizer.from_pretrained(name));
  const sessionOptions = threads > 0 ? { intraOpNumThreads: threads } : {};
  const model = await stage('model', () =>
    tf.AutoModelForCausalLM.from_pretrained(name, { dtype: 'fp32', device: 'cpu', session_options: sessionOptions }),
  );
  const theirs: number[] = Array.from(tokenizer.encode(sample.text, { add_special_tokens: false }) as number[]);
  const loadMs = performance.now() - t0;

  const generate = async (ids: number[], maxNewTokens: number): Promise<PeerRun> => {
    const n = ids.length;
    const input_ids = new tf.Tensor('int64', BigInt64Array.from(ids, (v) => BigInt(v)), [1, n]);
    const attention_mask = new tf.Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]);
    const times: number[] = [];
    const streamer = { put: () => void times.push(performance.now()), end: () => undefined };
    const start = performance.now();
    const out = await model.generate({ input_ids, attention_mask, max_new_tokens: maxNewTokens, do_sample: false, streamer });
    const end = performance.now();
    const seq = (out.sequences ?? out) as { data: BigInt64Array };
    // times[0]: the prompt was handed over (before any pass); times[i]: the i-th new token
    return {
      tokens: Array.from(seq.data.slice(n), (v) => Number(v)),
      tokenMs: times.slice(1).map((t) => t - start),
      totalMs: end - start,
    };
  };
  return {
    version: String(tf.env.version ?? 'unknown'),
    loadMs,
    tokenizerMatches: theirs.join(',') === sample.ids.join(','),
    generate,
    dispose: async () => {
      await model.dispose?.();
    },
  };
}
