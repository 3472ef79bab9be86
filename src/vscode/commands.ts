import * as vscode from 'vscode';
import type { CompletionEngine } from '../engine';
import { Config, ConfigKey, UiStrategy, openSettings, strategyLabel } from './config';
import { SHOW_MENU_COMMAND } from './statusBar';
import { showMenu } from './menu';

export const COMMANDS = {
  toggleEnabled: 'localComplete.toggleEnabled',
  toggleCache: 'localComplete.toggleCache',
  selectStrategy: 'localComplete.selectStrategy',
  compareStrategies: 'localComplete.compareStrategies',
  clearCache: 'localComplete.clearCache',
  showLog: 'localComplete.showLog',
  showMenu: SHOW_MENU_COMMAND,
} as const;

export interface CommandDeps {
  readConfig: () => Config;
  updateSetting: <K extends ConfigKey>(key: K, value: Config[K]) => Promise<void>;
  log: vscode.LogOutputChannel;
  engine: () => CompletionEngine | undefined;
  unavailableReason: () => string;
  /** Forgets the remembered suggestions. */
  clearSuggestions: () => void;
  compare: () => void;
  /** Re-reads the settings into the status (the config event does too; this makes it immediate). */
  refresh: () => void;
}

function isStrategy(v: unknown): v is UiStrategy {
  return v === 'autoregressive' || v === 'parallel';
}

async function pickStrategy(current: UiStrategy): Promise<UiStrategy | undefined> {
  type Item = vscode.QuickPickItem & { value: UiStrategy };
  const base: Item[] = [
    { value: 'autoregressive', label: strategyLabel('autoregressive'), detail: 'One token per forward pass, greedy, with the KV cache.' },
    { value: 'parallel', label: strategyLabel('parallel'), detail: 'Jacobi decoding over a block of draft tokens; same greedy output, fewer passes.' },
  ];
  const items: Item[] = base.map((i) => ({ ...i, description: i.value === current ? 'current' : undefined, picked: i.value === current }));
  const pick = await vscode.window.showQuickPick(items, { title: 'Local Complete: Select Decoding Strategy', placeHolder: `Now: ${strategyLabel(current)}` });
  return pick?.value;
}

/** Registers every command; they work in every state, with a clear message when the model is unavailable. */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const flash = (text: string) => vscode.window.setStatusBarMessage(`Local Complete: ${text}`, 3000);
  const set = async <K extends ConfigKey>(key: K, value: Config[K]) => {
    await deps.updateSetting(key, value);
    deps.refresh();
  };

  const handlers: Record<string, (...args: unknown[]) => unknown> = {
    [COMMANDS.toggleEnabled]: async () => {
      const on = !deps.readConfig().enable;
      await set('enable', on);
      deps.log.info(`Completions ${on ? 'on' : 'off'}`);
      flash(`completions ${on ? 'on' : 'off'}`);
    },
    [COMMANDS.toggleCache]: async () => {
      const on = !deps.readConfig().cacheReuse;
      await set('cacheReuse', on);
      deps.clearSuggestions();
      deps.log.info(`KV cache reuse ${on ? 'on' : 'off'}`);
      flash(`KV cache reuse ${on ? 'on' : 'off'}`);
    },
    [COMMANDS.selectStrategy]: async (arg?: unknown) => {
      const current = deps.readConfig().strategy;
      const next = isStrategy(arg) ? arg : await pickStrategy(current);
      if (!next) return;
      await set('strategy', next);
      deps.clearSuggestions();
      deps.log.info(`Strategy: ${strategyLabel(next)}`);
      flash(`strategy ${strategyLabel(next)}`);
    },
    [COMMANDS.compareStrategies]: () => deps.compare(),
    [COMMANDS.clearCache]: () => {
      deps.clearSuggestions();
      const engine = deps.engine();
      if (!engine) {
        void vscode.window.showInformationMessage(`Local Complete: suggestions cleared; no KV cache to clear: ${deps.unavailableReason()}.`);
        return;
      }
      engine.clearCache();
      deps.log.info('Cache cleared');
      void vscode.window.showInformationMessage('Local Complete: cache cleared.');
    },
    [COMMANDS.showLog]: () => deps.log.show(),
    [COMMANDS.showMenu]: () =>
      showMenu({
        config: deps.readConfig(),
        modelState: deps.engine() ? `Model ready: ${deps.engine()?.info.name}` : `Model unavailable: ${deps.unavailableReason()}`,
        run: (command) => vscode.commands.executeCommand(command),
        openSettings: () => openSettings(),
        commands: COMMANDS,
      }),
  };

  return Object.entries(handlers).map(([id, fn]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        deps.log.error(`${id}: ${msg}`);
        void vscode.window.showErrorMessage(`Local Complete: ${msg}`);
        return undefined;
      }
    }),
  );
}
