import * as vscode from 'vscode';
import type { LocalCompleteApi } from './api';
import { registerCommands } from './commands';
import { CompareView } from './compareView';
import { Config, affectsConfig, changedKeys, needsReload, readConfig, updateSetting } from './config';
import { EngineHost } from './engineHost';
import { InlineProvider } from './provider';
import { StatusBar } from './statusBar';
import { StatusModel } from './statusModel';
import { SuggestionCache } from './suggestionCache';

/** Settings after whose change remembered suggestions may no longer be what the model would say. */
const SUGGESTION_KEYS = new Set(['modelPath', 'maxNewTokens', 'multiline', 'alternatives', 'temperature', 'topP']);

/**
 * Builds the pieces, wires them together and registers every disposable. Never waits for the model:
 * it loads in the background and the status bar shows its progress.
 */
export function activate(context: vscode.ExtensionContext): LocalCompleteApi {
  const subs = context.subscriptions;
  const log = vscode.window.createOutputChannel('Local Complete', { log: true });
  subs.push(log);
  log.info(`Activating Local Complete ${(context.extension.packageJSON as { version?: string }).version ?? '?'} (VS Code ${vscode.version}, Node ${process.version})`);

  let cfg: Config = readConfig();
  const currentConfig = () => cfg;

  const host = new EngineHost({ extensionPath: context.extensionPath, log, readConfig: currentConfig });
  const status = new StatusModel(cfg);
  const bar = new StatusBar(status.state);
  const suggestions = new SuggestionCache();
  const compare = new CompareView({
    extensionUri: context.extensionUri,
    engine: () => host.current,
    unavailableReason: () => host.unavailableReason(),
    readConfig: currentConfig,
    log,
  });
  subs.push(host, status, bar, compare);
  subs.push(status.onDidChange((s) => bar.render(s)));
  subs.push(host.onDidChange((s) => status.setEngine(s)));

  const provider = new InlineProvider({ engine: () => host.current, activity: status, log, readConfig: currentConfig, cache: suggestions });
  subs.push(vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider));

  const refresh = () => {
    cfg = readConfig();
    status.setConfig(cfg);
    host.applySettings(cfg);
  };
  subs.push(
    ...registerCommands({
      readConfig: currentConfig,
      updateSetting,
      log,
      engine: () => host.current,
      unavailableReason: () => host.unavailableReason(),
      clearSuggestions: () => suggestions.clear(),
      compare: () => compare.show(),
      refresh,
    }),
  );

  subs.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!affectsConfig(e)) return;
      const keys = changedKeys(e);
      refresh();
      log.info(`Settings changed: ${keys.join(', ') || '(none of ours)'}`);
      if (keys.some((k) => SUGGESTION_KEYS.has(k))) suggestions.clear();
      if (needsReload(e)) {
        log.info('Reloading the model for the new settings');
        void host.load();
      }
    }),
  );

  void host.load();

  return {
    state: () => status.state,
    ready: () => host.ready(),
    lastResult: () => status.lastResult,
    info: () => host.info,
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions; VS Code disposes it (the engine included).
}
