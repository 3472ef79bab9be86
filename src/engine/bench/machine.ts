import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { ModelInfo } from '../types';

/** Where the numbers came from: the machine, the runtime, and the model (by content hash). */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  availableParallelism: number;
  totalMemoryBytes: number;
  platform: string;
  arch: string;
  node: string;
  onnxruntime: string;
  /** 1-minute load average at the start and the end of the run (other jobs make numbers noisy). */
  loadAverage: { start: number; end: number | null };
  date: string;
}

export interface ModelSummary {
  dir: string;
  name: string;
  file: string;
  fileBytes: number;
  sha256: string;
  layers: number;
  kvHeads: number;
  headDim: number;
  vocabSize: number;
  contextLength: number;
}

function packageVersion(name: string): string {
  try {
    const main = require.resolve(name);
    let d = main;
    for (let i = 0; i < 6; i++) {
      d = join(d, '..');
      try {
        const pkg = JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? 'unknown';
      } catch {
        /* keep climbing */
      }
    }
  } catch {
    /* not installed */
  }
  return 'unknown';
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    availableParallelism: os.availableParallelism?.() ?? cpus.length,
    totalMemoryBytes: os.totalmem(),
    platform: os.platform(),
    arch: os.arch(),
    node: process.version,
    onnxruntime: packageVersion('onnxruntime-node'),
    loadAverage: { start: os.loadavg()[0], end: null },
    date: new Date().toISOString(),
  };
}

export function modelSummary(info: ModelInfo, file: string): ModelSummary {
  const bytes = readFileSync(file);
  return {
    dir: info.dir,
    name: info.name,
    file,
    fileBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex').slice(0, 16),
    layers: info.layers,
    kvHeads: info.kvHeads,
    headDim: info.headDim,
    vocabSize: info.vocabSize,
    contextLength: info.contextLength,
  };
}

/** Peak resident set size of this process so far. */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}
