import * as vscode from 'vscode';
import { CompletionEngine, CompletionRequest, CompletionResult, describeError } from '../engine';
import { Config, isLanguageEnabled } from './config';
import { DocumentWindow, LineSource, looksBinary, windowAround } from './documentWindow';
import { formatLogLine } from './logLine';
import { IndentStyle, decideMultiline, postprocess } from './postprocess';
import type { CompletionActivity } from './statusModel';
import { SuggestionCache, SuggestionSite } from './suggestionCache';

export interface ProviderDeps {
  /** The loaded engine, or undefined while loading or after a failure. */
  engine: () => CompletionEngine | undefined;
  activity: CompletionActivity;
  log: vscode.LogOutputChannel;
  readConfig: () => Config;
  cache: SuggestionCache;
}

/** A TextDocument seen as lines only: the window never reads the whole text, whatever its size. */
export function lineSource(doc: vscode.TextDocument): LineSource {
  return { lineCount: doc.lineCount, lineAt: (i) => doc.lineAt(i).text };
}

/** Waits `ms`; false if the token is cancelled first. */
export function delay(ms: number, token: vscode.CancellationToken): Promise<boolean> {
  return new Promise((resolve) => {
    if (token.isCancellationRequested) return resolve(false);
    const sub = token.onCancellationRequested(() => {
      clearTimeout(timer);
      sub.dispose();
      resolve(false);
    });
    const timer = setTimeout(() => {
      sub.dispose();
      resolve(true);
    }, ms);
  });
}

/** The indentation of the editor showing `doc`, if it is the active one. */
function indentStyleOf(doc: vscode.TextDocument): IndentStyle | undefined {
  const ed = vscode.window.activeTextEditor;
  if (!ed || ed.document !== doc) return undefined;
  const { insertSpaces, tabSize } = ed.options;
  if (typeof insertSpaces !== 'boolean' || typeof tabSize !== 'number') return undefined;
  return { insertSpaces, tabSize };
}

/** The request for a window and the settings; the same for the provider and the compare view. */
export function buildRequest(win: DocumentWindow, cfg: Config, multiline: boolean): CompletionRequest {
  return {
    prefix: win.prefix,
    suffix: win.suffix,
    strategy: cfg.strategy,
    reuseCache: cfg.cacheReuse,
    maxNewTokens: cfg.maxNewTokens,
    multiline,
    blockSize: cfg.parallelBlockSize,
  };
}

/**
 * Inline completions from the engine: per-language enable, typing-through and recent-suggestion
 * cache, debounce, cancellation as an AbortSignal, post-processing, sampled alternatives.
 */
export class InlineProvider implements vscode.InlineCompletionItemProvider {
  private readonly binaryLogged = new Set<string>();

  constructor(private readonly deps: ProviderDeps) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const cfg = this.deps.readConfig();
    if (!cfg.enable || !isLanguageEnabled(cfg.languages, document.languageId)) return undefined;
    const engine = this.deps.engine();
    if (!engine) return undefined;

    const win = windowAround(lineSource(document), position.line, position.character);
    if (looksBinary(win.prefix) || looksBinary(win.suffix)) {
      this.logBinary(document);
      return undefined;
    }
    const multiline = decideMultiline(cfg.multiline, win);
    const site: SuggestionSite = {
      prefix: win.prefix,
      linePrefix: win.linePrefix,
      suffix: win.suffix,
      // Not the multi-line decision: it changes as the user types through a suggestion, and at an
      // unchanged site it is unchanged anyway.
      options: [cfg.maxNewTokens, cfg.alternatives, cfg.temperature, cfg.topP].join('|'),
    };
    // An explicit trigger (Alt+\) always asks the model; automatic ones reuse what fits.
    const invoked = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    const cached = invoked ? undefined : this.deps.cache.lookup(site);
    if (cached) {
      this.deps.log.trace(`cache hit: ${cached.length} suggestion(s), no model call`);
      return this.items(cached, position);
    }

    if (!invoked && cfg.debounceMs > 0 && !(await delay(cfg.debounceMs, token))) return undefined;
    if (token.isCancellationRequested) return undefined;

    const texts = await this.generate(engine, win, cfg, multiline, document, token);
    if (!texts) return undefined;
    this.deps.cache.remember(site, texts);
    if (token.isCancellationRequested) return undefined;
    return this.items(texts, position);
  }

  /** Runs the engine (greedy, then sampled alternatives); post-processed, distinct, non-empty texts. */
  private async generate(
    engine: CompletionEngine,
    win: DocumentWindow,
    cfg: Config,
    multiline: boolean,
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): Promise<string[] | undefined> {
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    const end = this.deps.activity.begin();
    const request: CompletionRequest = { ...buildRequest(win, cfg, multiline), signal: controller.signal };
    const indent = indentStyleOf(document);
    const clean = (r: CompletionResult) => postprocess(r.text, win, { multiline, indent });
    let main: CompletionResult | undefined;
    try {
      main = await engine.complete(request);
      if (main.stopReason === 'aborted') {
        this.deps.log.trace(`aborted after ${Math.round(main.stats.totalMs)} ms`);
        return undefined;
      }
      const texts = [clean(main)];
      for (let i = 1; i <= cfg.alternatives && !controller.signal.aborted; i++) {
        const alt = await engine.complete({
          ...request,
          sampling: { temperature: cfg.temperature, topP: cfg.topP, seed: i },
        });
        if (alt.stopReason === 'aborted') break;
        texts.push(clean(alt));
      }
      const shown = [...new Set(texts.filter((t) => t !== ''))];
      this.deps.log.info(
        formatLogLine(main, { languageId: document.languageId, shownChars: shown[0]?.length ?? 0, alternatives: texts.length - 1 }),
      );
      return shown;
    } catch (e) {
      this.deps.log.warn(`completion failed: ${describeError(e)}`);
      return undefined;
    } finally {
      sub.dispose();
      end(main && main.stopReason !== 'aborted' ? main : undefined);
    }
  }

  private items(texts: string[], position: vscode.Position): vscode.InlineCompletionItem[] {
    const range = new vscode.Range(position, position);
    return texts.map((t) => new vscode.InlineCompletionItem(t, range));
  }

  private logBinary(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    if (this.binaryLogged.has(key)) return;
    if (this.binaryLogged.size > 100) this.binaryLogged.clear();
    this.binaryLogged.add(key);
    this.deps.log.info(`skipping ${key}: it looks binary (NUL characters near the cursor)`);
  }
}
