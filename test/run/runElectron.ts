/**
 * `npm run test:electron`: the same extension-host suite (test/vscode/suite) in desktop VS Code
 * through @vscode/test-electron. It downloads VS Code, so it needs network access; it is not part
 * of `npm test` (machines without network use test:host, which runs the suite in code-server).
 *
 * Env: VSCODE_TEST_VERSION (default "stable"; e.g. "1.99.3").
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { FIXTURE_WORKSPACE, REPO, TEST_SETTINGS, requireBuilt, runMain } from './codeServer';

export async function main(): Promise<number> {
  requireBuilt('dist/extension.js', 'out/test/vscode/suite/index.js');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-complete-electron-'));
  try {
    const workspace = path.join(root, 'workspace');
    fs.cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
    const userDataDir = path.join(root, 'user-data');
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(TEST_SETTINGS, null, 2));
    await runTests({
      version: process.env.VSCODE_TEST_VERSION || 'stable',
      extensionDevelopmentPath: REPO,
      extensionTestsPath: path.join(REPO, 'out', 'test', 'vscode', 'suite', 'index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir', userDataDir,
        '--extensions-dir', path.join(root, 'extensions'),
      ],
    });
    return 0;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

runMain(module, 'test:electron', main);
