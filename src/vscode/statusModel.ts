import * as vscode from 'vscode';
import type { CompletionResult } from '../engine';
import type { Config } from './config';
import { EngineStatus, StatusState, deriveStatus } from './statusState';

/** What the provider tells the status model about its work. */
export interface CompletionActivity {
  /** A generation starts; returns the function that ends it, with its result when there is one. */
  begin(): (result?: CompletionResult) => void;
}

/**
 * Keeps the inputs of the status (engine status, settings, in-flight generations, last result) and
 * derives the one StatusState from them whenever any of them changes.
 */
export class StatusModel implements CompletionActivity, vscode.Disposable {
  private engine: EngineStatus = { kind: 'idle' };
  private cfg: Config;
  private inFlight = 0;
  private last: CompletionResult | undefined;
  private current: StatusState;
  private readonly changed = new vscode.EventEmitter<StatusState>();
  readonly onDidChange = this.changed.event;

  constructor(cfg: Config) {
    this.cfg = cfg;
    this.current = this.derive();
  }

  get state(): StatusState {
    return this.current;
  }

  get lastResult(): CompletionResult | undefined {
    return this.last;
  }

  setEngine(status: EngineStatus): void {
    // A new model (or none): the last completion's numbers no longer describe it.
    if (status.kind === 'loading' && this.engine.kind !== 'loading') this.last = undefined;
    this.engine = status;
    if (status.kind !== 'ready') this.inFlight = 0;
    this.update();
  }

  setConfig(cfg: Config): void {
    this.cfg = cfg;
    this.update();
  }

  begin(): (result?: CompletionResult) => void {
    this.inFlight++;
    this.update();
    let ended = false;
    return (result) => {
      if (ended) return;
      ended = true;
      this.inFlight = Math.max(0, this.inFlight - 1);
      if (result) this.last = result;
      this.update();
    };
  }

  private derive(): StatusState {
    return deriveStatus({
      enabled: this.cfg.enable,
      engine: this.engine,
      busy: this.inFlight > 0,
      strategy: this.cfg.strategy,
      reuse: this.cfg.cacheReuse,
      last: this.last?.stats,
    });
  }

  private update(): void {
    this.current = this.derive();
    this.changed.fire(this.current);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
