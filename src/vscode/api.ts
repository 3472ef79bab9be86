import type { CompletionResult, ModelInfo } from '../engine';
import type { StatusState } from './statusState';

export type { StatusState } from './statusState';

/** What `activate` returns, for tests (`vscode.extensions.getExtension(id).exports`). */
export interface LocalCompleteApi {
  /** The state the status bar renders now. */
  state(): StatusState;
  /** Resolves when the latest model load attempt has finished, loaded or failed. Never rejects. */
  ready(): Promise<void>;
  /** The last finished (not aborted) completion, with its stats. */
  lastResult(): CompletionResult | undefined;
  /** The loaded model, or undefined while loading or after a failure. */
  info(): ModelInfo | undefined;
}
