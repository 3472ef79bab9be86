import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors';

/** What one bench run does. `--quick` shrinks every count for a CI smoke test (< 1 min). */
export interface BenchOptions {
  quick: boolean;
  json: boolean;
  modelDir: string;
  heldoutDir: string;
  /** Where latest.json and latest.md go. */
  outDir: string;
  svgPath: string;
  /** onnxruntime intra-op threads for our engine and the peer alike (0 = onnxruntime's default). */
  threads: number;
  peer: boolean;
  typing: { files: number; keystrokesPerFile: number; peerKeystrokes: number };
  decoding: {
    positions: number;
    /** Positions that also run the no-cache baseline (it costs a full prompt pass per token). */
    recomputePositions: number;
    repeats: number;
    blockSizes: number[];
    maxNewTokens: number;
  };
  peerPositions: number;
  bandwidthBytes: number;
}

export const USAGE = `local-complete bench [--quick] [--json] [--model DIR] [--out DIR] [--svg PATH]
                     [--threads N] [--no-peer] [--heldout DIR]
  --quick      fewer keystrokes and positions, one block size, a short peer run (< 1 min)
  --json       print the results as JSON on stdout (progress goes to stderr)
  --model DIR  model folder (default: models/ of this repository)
  --out DIR    folder for latest.json and latest.md (default: bench/results, or bench/results/quick with --quick)
  --svg PATH   chart file (default: <out>/bench.svg)
  --threads N  onnxruntime threads for both engines (default 0: onnxruntime's choice)
  --no-peer    skip transformers.js
  --heldout DIR  held-out source files to replay (default: bench/heldout)
Exit code 1 when a decoding check fails (outputs differ) or the cache exceeds its budget.
`;

/** The repository root: the nearest folder above this file holding package.json. */
export function repoRoot(from = __dirname): string {
  let d = from;
  for (;;) {
    const pkg = join(d, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'local-complete') return d;
      } catch {
        /* keep looking */
      }
    }
    const up = dirname(d);
    if (up === d) return process.cwd();
    d = up;
  }
}

export function parseOptions(argv: string[], root = repoRoot()): BenchOptions | 'help' {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const takesValue = new Set(['--model', '--out', '--svg', '--threads', '--heldout']);
  const known = new Set(['--quick', '--json', '--no-peer', '--help', '-h', ...takesValue]);
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (!known.has(flag)) throw new InputError(`bench: unknown option ${argv[i]}\n${USAGE}`);
    if (takesValue.has(flag)) {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new InputError(`bench: ${flag} needs a value`);
      values.set(flag, v);
    } else flags.add(flag);
  }
  if (flags.has('--help') || flags.has('-h')) return 'help';
  const quick = flags.has('--quick');
  const threads = Number(values.get('--threads') ?? 0);
  if (!Number.isInteger(threads) || threads < 0) throw new InputError('bench: --threads must be a whole number ≥ 0');
  const outDir = resolve(values.get('--out') ?? join(root, 'bench', 'results', ...(quick ? ['quick'] : [])));
  return {
    quick,
    json: flags.has('--json'),
    modelDir: resolve(values.get('--model') ?? join(root, 'models')),
    heldoutDir: resolve(values.get('--heldout') ?? join(root, 'bench', 'heldout')),
    outDir,
    svgPath: resolve(values.get('--svg') ?? join(outDir, 'bench.svg')),
    threads,
    peer: !flags.has('--no-peer'),
    typing: quick
      ? { files: 2, keystrokesPerFile: 10, peerKeystrokes: 6 }
      : { files: Infinity, keystrokesPerFile: 64, peerKeystrokes: 48 },
    decoding: quick
      ? { positions: 2, recomputePositions: 2, repeats: 1, blockSizes: [6], maxNewTokens: 48 }
      : { positions: 16, recomputePositions: 8, repeats: 3, blockSizes: [2, 4, 6, 8], maxNewTokens: 48 },
    peerPositions: quick ? 2 : 16,
    bandwidthBytes: (quick ? 64 : 256) * 1024 * 1024,
  };
}
