import * as vscode from 'vscode';
import { Config, strategyLabel } from './config';

export interface MenuDeps {
  config: Config;
  /** One line on the model's state, shown as the menu's placeholder. */
  modelState: string;
  run: (command: string) => Thenable<unknown>;
  openSettings: () => Thenable<unknown>;
  commands: {
    toggleEnabled: string;
    toggleCache: string;
    selectStrategy: string;
    compareStrategies: string;
    clearCache: string;
    showLog: string;
  };
}

type MenuItem = vscode.QuickPickItem & { action?: () => Thenable<unknown> };

/** The status bar item's menu: the toggles, the strategy, and the other commands. */
export async function showMenu(d: MenuDeps): Promise<void> {
  const c = d.config;
  const cmd = (id: string) => () => d.run(id);
  const items: MenuItem[] = [
    {
      label: `$(${c.enable ? 'check' : 'circle-slash'}) Completions: ${c.enable ? 'on' : 'off'}`,
      description: c.enable ? 'turn off' : 'turn on',
      action: cmd(d.commands.toggleEnabled),
    },
    {
      label: `$(${c.cacheReuse ? 'database' : 'circle-slash'}) KV cache reuse: ${c.cacheReuse ? 'on' : 'off'}`,
      description: c.cacheReuse ? 'turn off' : 'turn on',
      action: cmd(d.commands.toggleCache),
    },
    {
      label: `$(settings-gear) Strategy: ${strategyLabel(c.strategy)}`,
      description: 'change',
      action: cmd(d.commands.selectStrategy),
    },
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(graph) Compare Strategies at Cursor', action: cmd(d.commands.compareStrategies) },
    { label: '$(trash) Clear Cache', action: cmd(d.commands.clearCache) },
    { label: '$(output) Show Log', action: cmd(d.commands.showLog) },
    { label: '$(gear) Open Settings', action: d.openSettings },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'Local Complete', placeHolder: d.modelState });
  if (pick?.action) await pick.action();
}
