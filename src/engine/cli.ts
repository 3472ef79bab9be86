#!/usr/bin/env node
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CompletionEngine } from './engine';
import { InputError, ModelLoadError } from './errors';
import { StrategyName } from './types';

const USAGE = `usage:
  local-complete complete [--file PATH] [--offset N] [--strategy autoregressive|parallel]
                          [--no-cache] [--max-new-tokens N] [--multiline] [--block-size K]
                          [--model DIR] [--threads N] [--json]
      Completes the text at character offset N of PATH (default: the end).
      Without --file, the text comes from stdin.
      --no-cache: autoregressive without any KV cache (full recompute every step);
                  with --strategy parallel, only cross-request reuse is off.
  local-complete bench [--quick] [--json] [--model DIR] [--out DIR] [--svg PATH]
`;

export const DEFAULT_MODEL_DIR = join(__dirname, '..', '..', '..', 'models');

interface Args {
  flags: Map<string, string | true>;
  rest: string[];
}

function parse(argv: string[]): Args {
  const flags = new Map<string, string | true>();
  const rest: string[] = [];
  const boolean = new Set(['--no-cache', '--json', '--multiline', '--quick', '--help']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      if (boolean.has(a)) flags.set(a, true);
      else if (i + 1 < argv.length) flags.set(a, argv[++i]);
      else throw new InputError(`${a} needs a value`);
    } else rest.push(a);
  }
  return { flags, rest };
}

function intFlag(f: Map<string, string | true>, name: string): number | undefined {
  const v = f.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isInteger(n) || n < 0) throw new InputError(`${name} must be a non-negative integer, got ${v}`);
  return n;
}

function readText(file: string | undefined): string {
  let buf: Buffer;
  if (file) {
    const p = resolve(file);
    if (!existsSync(p) || !statSync(p).isFile()) throw new InputError(`file not found: ${p}`);
    buf = readFileSync(p);
  } else {
    buf = readFileSync(0);
  }
  if (buf.subarray(0, 8192).includes(0)) throw new InputError(`${file ?? 'stdin'} looks binary (it contains NUL bytes); no completion for it`);
  return buf.toString('utf8');
}

async function complete(f: Map<string, string | true>): Promise<number> {
  const file = typeof f.get('--file') === 'string' ? (f.get('--file') as string) : undefined;
  const text = readText(file);
  const offset = intFlag(f, '--offset') ?? text.length;
  if (offset > text.length) throw new InputError(`offset ${offset} is outside the file (it has ${text.length} characters)`);
  const s = f.get('--strategy') ?? 'autoregressive';
  if (s !== 'autoregressive' && s !== 'parallel') throw new InputError(`unknown strategy ${String(s)} (autoregressive or parallel)`);
  const noCache = f.has('--no-cache');
  const strategy: StrategyName = noCache && s === 'autoregressive' ? 'recompute' : s;
  const modelDir = resolve(typeof f.get('--model') === 'string' ? (f.get('--model') as string) : DEFAULT_MODEL_DIR);
  const engine = await CompletionEngine.load({ modelDir, threads: intFlag(f, '--threads') });
  try {
    const r = await engine.complete({
      prefix: text.slice(0, offset),
      suffix: text.slice(offset),
      strategy,
      reuseCache: !noCache,
      maxNewTokens: intFlag(f, '--max-new-tokens') ?? 64,
      multiline: f.has('--multiline'),
      blockSize: intFlag(f, '--block-size'),
    });
    if (f.has('--json')) {
      process.stdout.write(JSON.stringify({ completion: r.text, strategy, stopReason: r.stopReason, stats: r.stats, model: engine.info }, null, 1) + '\n');
    } else {
      process.stdout.write(r.text + '\n');
      const st = r.stats;
      process.stderr.write(
        `[${strategy}] ${st.totalMs.toFixed(1)} ms total, ttft ${st.ttftMs.toFixed(1)} ms, ` +
          `${st.promptTokens} prompt tokens (${st.reusedTokens} reused, ${st.computedTokens} computed), ` +
          `${st.generatedTokens} generated in ${st.forwardPasses} passes, stop: ${r.stopReason}\n`,
      );
    }
    return 0;
  } finally {
    await engine.dispose();
  }
}

export async function main(argv: string[]): Promise<number> {
  try {
    if (argv[0] === 'bench') {
      const { runBench } = await import('./bench');
      return await runBench(argv.slice(1)); // the bench parses (and reports) its own flags
    }
    const { flags, rest } = parse(argv);
    const cmd = rest[0];
    if (!cmd || flags.has('--help')) {
      process.stdout.write(USAGE);
      return cmd || flags.has('--help') ? 0 : 2;
    }
    if (cmd === 'complete') return await complete(flags);
    process.stderr.write(`unknown command ${cmd}\n${USAGE}`);
    return 2;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`local-complete: ${e.message}\n`);
      return 2;
    }
    if (e instanceof ModelLoadError) {
      process.stderr.write(`local-complete: cannot load the model: ${e.message}\n`);
      return 3;
    }
    process.stderr.write(`local-complete: ${(e as Error).stack ?? e}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
