import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { CONFIG_KEYS, CONFIG_SECTION, Config, ConfigKey, RELOAD_KEYS, sanitizeConfig } from './configValues';

export * from './configValues';

/** Reads every `localComplete.*` setting, validated. Cheap enough to call per request. */
export function readConfig(): Config {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
  return sanitizeConfig((key) => c.get<unknown>(key));
}

/** Whether a configuration change touches our settings at all. */
export function affectsConfig(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(CONFIG_SECTION);
}

/** Whether a configuration change needs the model loaded again (model folder, threads). */
export function needsReload(e: vscode.ConfigurationChangeEvent): boolean {
  return RELOAD_KEYS.some((k) => e.affectsConfiguration(`${CONFIG_SECTION}.${k}`));
}

/** The keys a change touched, for the log. */
export function changedKeys(e: vscode.ConfigurationChangeEvent): ConfigKey[] {
  return CONFIG_KEYS.filter((k) => e.affectsConfiguration(`${CONFIG_SECTION}.${k}`));
}

/**
 * Writes a setting where it takes effect: into the most specific scope that already sets it
 * (workspace folder, workspace), else into the user settings.
 */
export async function updateSetting<K extends ConfigKey>(key: K, value: Config[K]): Promise<void> {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const inspected = c.inspect(key);
  let target = vscode.ConfigurationTarget.Global;
  if (inspected?.workspaceFolderValue !== undefined) target = vscode.ConfigurationTarget.WorkspaceFolder;
  else if (inspected?.workspaceValue !== undefined) target = vscode.ConfigurationTarget.Workspace;
  await c.update(key, value, target);
}

/** The model folder: the bundled `<extension>/models` for '', else the setting with `~` expanded. */
export function resolveModelDir(modelPath: string, extensionPath: string): string {
  if (!modelPath) return path.join(extensionPath, 'models');
  let p = modelPath;
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) p = path.join(os.homedir(), p.slice(1));
  return path.resolve(p);
}

export const EXTENSION_ID = 'local-complete.local-complete';

/** Opens the settings UI filtered to one of our settings, or to all of them. */
export function openSettings(key?: ConfigKey): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', key ? `${CONFIG_SECTION}.${key}` : `@ext:${EXTENSION_ID}`);
}
