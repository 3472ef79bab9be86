import * as vscode from 'vscode';
import { CompletionEngine, ModelInfo, ModelLoadError, describeError } from '../engine';
import { Config, openSettings, resolveModelDir } from './config';
import type { EngineStatus } from './statusState';

export interface EngineHostDeps {
  extensionPath: string;
  log: vscode.LogOutputChannel;
  readConfig: () => Config;
}

const MB = 1024 * 1024;

/** A short reason for the status bar. */
export function shortLoadReason(e: unknown): string {
  if (e instanceof ModelLoadError) {
    switch (e.kind) {
      case 'missing': return 'model not found';
      case 'corrupt': return 'model files corrupt';
      case 'incompatible': return 'incompatible model';
    }
  }
  return 'model failed to load';
}

/**
 * Owns the CompletionEngine: loads it in the background (with a progress notification), reloads it
 * when the model folder or thread count changes, disposes it, and publishes where it stands.
 */
export class EngineHost implements vscode.Disposable {
  private engine: CompletionEngine | undefined;
  private state: EngineStatus = { kind: 'idle' };
  private generation = 0;
  private attempt: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly changed = new vscode.EventEmitter<EngineStatus>();
  /** Fires whenever the status changes (loading progress included). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: EngineHostDeps) {}

  get status(): EngineStatus {
    return this.state;
  }

  /** The engine when it is loaded, else undefined. */
  get current(): CompletionEngine | undefined {
    return this.engine;
  }

  get info(): ModelInfo | undefined {
    return this.engine?.info;
  }

  /** Resolves when the latest load attempt has finished, loaded or failed. Never rejects. */
  async ready(): Promise<void> {
    let p: Promise<void>;
    do {
      p = this.attempt;
      await p;
    } while (p !== this.attempt);
  }

  /** Starts loading (or reloading) the model from the current settings; does not wait for it. */
  load(): Promise<void> {
    const gen = ++this.generation;
    const old = this.engine;
    this.engine = undefined;
    this.setState({ kind: 'loading', fraction: 0, message: 'Starting' });
    this.attempt = this.run(gen, old).catch((e) => this.deps.log.error(`load: ${describeError(e)}`));
    return this.attempt;
  }

  /** Why there is no engine right now, for fallback messages. */
  unavailableReason(): string {
    const s = this.state;
    switch (s.kind) {
      case 'idle': return 'the model has not started loading';
      case 'loading': return `the model is still loading (${Math.round(s.fraction * 100)}%)`;
      case 'error': return `the model failed to load (${s.reason})`;
      case 'ready': return 'the model is ready';
    }
  }

  /** Applies settings that need no reload (the cache budget). */
  applySettings(cfg: Config): void {
    this.engine?.setCacheBudget(cfg.cacheBudgetMB * MB);
  }

  private setState(s: EngineStatus): void {
    this.state = s;
    this.changed.fire(s);
  }

  private async run(gen: number, old: CompletionEngine | undefined): Promise<void> {
    if (old) {
      this.deps.log.info('Disposing the previous model');
      await old.dispose().catch((e) => this.deps.log.warn(`dispose: ${describeError(e)}`));
    }
    if (gen !== this.generation || this.disposed) return;
    const cfg = this.deps.readConfig();
    const modelDir = resolveModelDir(cfg.modelPath, this.deps.extensionPath);
    this.deps.log.info(`Loading the model from ${modelDir} (threads ${cfg.threads || 'auto'}, cache budget ${cfg.cacheBudgetMB} MB)`);
    const started = Date.now();
    let engine: CompletionEngine;
    try {
      engine = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Local Complete: loading the model', cancellable: false },
        async (progress) => {
          let reported = 0;
          return CompletionEngine.load(
            { modelDir, threads: cfg.threads, cacheBudgetBytes: cfg.cacheBudgetMB * MB },
            (fraction, message) => {
              if (gen !== this.generation) return;
              const f = Math.min(1, Math.max(0, fraction));
              progress.report({ increment: Math.max(0, (f - reported) * 100), message });
              reported = Math.max(reported, f);
              this.setState({ kind: 'loading', fraction: f, message });
            },
          );
        },
      );
    } catch (e) {
      if (gen !== this.generation || this.disposed) return;
      this.fail(e, modelDir);
      return;
    }
    if (gen !== this.generation || this.disposed) {
      await engine.dispose().catch(() => undefined);
      return;
    }
    this.engine = engine;
    const i = engine.info;
    this.deps.log.info(
      `Model ready in ${Date.now() - started} ms: ${i.name} (${i.layers} layers, ${i.kvHeads} kv heads × ${i.headDim}, vocab ${i.vocabSize}, context ${i.contextLength}, fim ${i.fim}, layout ${i.layout})`,
    );
    this.setState({ kind: 'ready', model: i.name });
  }

  private fail(e: unknown, modelDir: string): void {
    const reason = shortLoadReason(e);
    const detail = describeError(e);
    this.deps.log.error(`Model failed to load from ${modelDir}: ${detail}`);
    this.setState({ kind: 'error', reason, detail });
    void vscode.window
      .showErrorMessage(`Local Complete: ${reason}. ${detail}`, 'Open Settings', 'Show Log')
      .then((choice) => {
        if (choice === 'Open Settings') return openSettings('modelPath');
        if (choice === 'Show Log') this.deps.log.show();
        return undefined;
      });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.generation++;
    const e = this.engine;
    this.engine = undefined;
    this.changed.dispose();
    if (e) await e.dispose().catch(() => undefined);
  }
}
