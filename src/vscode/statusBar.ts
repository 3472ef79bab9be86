import * as vscode from 'vscode';
import { StatusState, statusText, statusTooltip } from './statusState';

export const SHOW_MENU_COMMAND = 'localComplete.showMenu';

/** The one status bar item; it renders one StatusState and opens the menu when clicked. */
export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor(initial: StatusState) {
    this.item = vscode.window.createStatusBarItem('localComplete.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Local Complete';
    this.item.command = SHOW_MENU_COMMAND;
    this.render(initial);
    this.item.show();
  }

  render(state: StatusState): void {
    this.item.text = statusText(state);
    const tip = new vscode.MarkdownString(statusTooltip(state), true);
    tip.isTrusted = false;
    this.item.tooltip = tip;
    this.item.backgroundColor =
      state.kind === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.accessibilityInformation = { label: statusText(state).replace(/\$\([^)]*\)\s*/g, '') };
  }

  dispose(): void {
    this.item.dispose();
  }
}
