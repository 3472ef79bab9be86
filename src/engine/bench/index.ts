import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { CompletionEngine } from '../engine';
import { ModelSession } from '../modelSession';
import { DEFAULT_CONFIG } from '../../vscode/configValues';
import { benchChart } from './chart';
import { runDecoding } from './decoding';
import { decodingPositions, loadHeldout } from './heldout';
import { typingScript } from './keystrokes';
import { machineInfo, modelSummary, peakRssBytes } from './machine';
import { USAGE, parseOptions } from './options';
import { PeerResult, comparePeer, peerError } from './peer';
import { loadPeer } from './peerModel';
import { promptIdsFor } from './promptIds';
import { BenchReport, goals, renderJson, renderMarkdown } from './report';
import { measureBandwidthIsolated, measureModelPass, roofline } from './roofline';
import { median } from './stats';
import { replayTyping } from './typing';
import { loadavg } from 'node:os';

/**
 * `local-complete bench`: typing replay with prefix reuse on and off, decoding strategies,
 * transformers.js as the peer, the memory-bandwidth roofline and memory, all in one run
 * (the machine is noisy, so only same-run comparisons are made). Writes latest.json,
 * latest.md and the SVG chart; returns the exit code: 1 when outputs that must be
 * identical differ or the cache exceeds its budget, else 0 (timing goals never fail it).
 */
export async function runBench(argv: string[]): Promise<number> {
  const opts = parseOptions(argv);
  if (opts === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const started = performance.now();
  const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
  const machine = machineInfo();
  const allFiles = loadHeldout(opts.heldoutDir);
  const files = allFiles.slice(0, opts.typing.files);
  const modelFile = ModelSession.findModelFile(opts.modelDir);
  const cacheBudgetBytes = DEFAULT_CONFIG.cacheBudgetMB * 1024 * 1024;
  log(`model ${opts.modelDir}, ${files.length} held-out files${opts.quick ? ' (quick)' : ''}`);
  const bandwidthAtStart = measureBandwidthIsolated(opts.bandwidthBytes);
  const engine = await CompletionEngine.load({ modelDir: opts.modelDir, threads: opts.threads, cacheBudgetBytes });
  let report: BenchReport;
  try {
    const model = modelSummary(engine.info, modelFile);
    const scripts = files.map((f, i) => typingScript(f, opts.typing.keystrokesPerFile, 1000 + i));
    const rssByStage: Record<string, number> = { load: peakRssBytes() };
    const typing = await replayTyping(engine, scripts, log);
    rssByStage.typing = peakRssBytes();

    const positions = decodingPositions(allFiles, opts.decoding.positions);
    const decoding = await runDecoding(engine, positions, { ...opts.decoding, defaultBlockSize: DEFAULT_CONFIG.parallelBlockSize }, log);

    rssByStage.decoding = peakRssBytes();
    let peer: PeerResult;
    if (!opts.peer) peer = peerError('skipped (--no-peer)');
    else {
      try {
        const { promptIds, encode } = promptIdsFor(opts.modelDir);
        const sample = files[0].text.slice(0, 2000);
        const pm = await loadPeer(opts.modelDir, opts.threads, { text: sample, ids: await encode(sample) });
        try {
          peer = await comparePeer(engine, pm, promptIds, {
            positions: positions.slice(0, opts.peerPositions),
            scripts,
            keystrokes: opts.typing.peerKeystrokes,
            maxNewTokens: opts.decoding.maxNewTokens,
          }, log);
        } finally {
          await pm.dispose();
        }
      } catch (e) {
        peer = peerError((e as Error).message);
        log(`peer failed: ${peer.error}`);
      }
    }
    const cacheBytesMax = engine.cachePeakBytes();
    if (opts.peer) rssByStage.peer = peakRssBytes();
    const memory = {
      peakRssBytes: rssByStage.decoding, // our engine alone: the peer's model is not ours to count
      peakRssByStage: rssByStage,
      cacheBytesMax,
      cacheBudgetBytes: engine.cacheInfo().budgetBytes,
      withinBudget: cacheBytesMax <= engine.cacheInfo().budgetBytes,
    };
    const bandwidth = [bandwidthAtStart, measureBandwidthIsolated(opts.bandwidthBytes)];
    const arRuns = decoding.runs.map((r) => r.stats.get('autoregressive')).filter((s) => !!s);
    const context = Math.round(median(arRuns.map((s) => s!.promptTokens + s!.generatedTokens / 2)));
    const ar = decoding.result.strategies.find((s) => s.name === 'autoregressive');
    const modelPassMs = await measureModelPass(opts.modelDir, engine.info, opts.threads, context);
    const rf = roofline(bandwidth, modelFile, engine.info, context, ar?.passMs ?? null, modelPassMs);
    log(`roofline: ${bandwidth.map((b) => (b.bytesPerSec / 1e9).toFixed(1)).join(' and ')} GB/s`);
    machine.loadAverage.end = loadavg()[0];
    const base = {
      schema: 1 as const,
      quick: opts.quick,
      machine,
      model,
      settings: {
        threads: opts.threads,
        cacheBudgetBytes,
        replay: `extension defaults (${DEFAULT_CONFIG.strategy}, k=${DEFAULT_CONFIG.parallelBlockSize}, ` +
          `≤ ${DEFAULT_CONFIG.maxNewTokens} tokens, multi-line ${DEFAULT_CONFIG.multiline}), no debounce`,
      },
      typing: typing.result,
      decoding: decoding.result,
      peer,
      roofline: rf,
      memory,
    };
    const failures: string[] = [];
    if (!typing.result.identical) failures.push(`typing: reuse on and off gave different tokens at ${typing.result.mismatches.length}+ keystrokes`);
    if (!decoding.result.identical) failures.push(`decoding: strategies gave different tokens (${decoding.result.mismatches.length}+ runs)`);
    if (!memory.withinBudget) failures.push(`memory: the prefix cache held ${cacheBytesMax} bytes, over its ${memory.cacheBudgetBytes}-byte budget`);
    report = { ...base, goals: goals(base), failures, durationMs: performance.now() - started };
  } finally {
    await engine.dispose();
  }

  const md = renderMarkdown(report);
  const json = renderJson(report);
  mkdirSync(opts.outDir, { recursive: true });
  mkdirSync(dirname(opts.svgPath), { recursive: true });
  writeFileSync(join(opts.outDir, 'latest.json'), json);
  writeFileSync(join(opts.outDir, 'latest.md'), md);
  writeFileSync(opts.svgPath, benchChart(report));
  process.stdout.write(opts.json ? json : md);
  const rel = (p: string) => relative(process.cwd(), p) || p;
  log(`wrote ${rel(join(opts.outDir, 'latest.json'))}, ${rel(join(opts.outDir, 'latest.md'))}, ${rel(opts.svgPath)} ` +
    `in ${(report.durationMs / 1000).toFixed(0)} s`);
  for (const f of report.failures) log(`FAILED: ${f}`);
  return report.failures.length ? 1 : 0;
}
