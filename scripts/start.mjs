// `npm start` (after `npm run build`): opens a real VS Code with the extension loaded from this
// repository on the bundled model, and the sample workspace test/fixtures/workspace.
//
// - Desktop VS Code when `code` is on PATH: code --extensionDevelopmentPath=<repo> <workspace>.
// - Otherwise code-server (installed into ~/.cache/local-complete on first use) on 127.0.0.1,
//   port 8080 or, when that is taken, a free one; it prints the workbench URL (the extension is
//   loaded through the URL's payload parameter) and runs until Ctrl-C.
//
// Env: PORT=N to insist on a port (fails clearly when it is in use);
//      LOCAL_COMPLETE_NO_DESKTOP=1 to use code-server even when `code` is on PATH.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = join(root, 'test', 'fixtures', 'workspace');

function fail(message) {
  console.error(`start: ${message}`);
  process.exit(1);
}

for (const built of ['dist/extension.js', 'out/test/run/codeServer.js']) {
  if (!existsSync(join(root, built))) fail(`${built} is missing: run "npm run build" (npm start does)`);
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

if (onPath('code') && !process.env.LOCAL_COMPLETE_NO_DESKTOP) {
  console.log(`start: code --extensionDevelopmentPath=${root} ${workspace}`);
  const child = spawn('code', [`--extensionDevelopmentPath=${root}`, workspace], { stdio: 'inherit' });
  child.on('error', (error) => fail(`could not run code: ${error.message}`));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const harness = createRequire(import.meta.url)(join(root, 'out', 'test', 'run', 'codeServer.js'));
  const serverMain = harness.installCodeServer();
  let port;
  if (process.env.PORT) {
    port = Number(process.env.PORT);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) fail(`PORT=${process.env.PORT} is not a port number`);
  } else {
    port = await harness.assertPortFree(8080).then(
      () => 8080,
      async () => {
        const free = await harness.findFreePort();
        console.log(`start: port 8080 is in use; using ${free}`);
        return free;
      },
    );
  }
  let server;
  try {
    server = await harness.startCodeServer({
      name: 'start',
      serverMain,
      port,
      baseSettings: {
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'security.workspace.trust.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'editor.inlineSuggest.enabled': true,
      },
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const url = server.url({ folder: workspace, extensionDevelopmentPath: root, extensionLogLevel: 'info' });
  console.log('');
  console.log('Local Complete is running in code-server (VS Code 1.99.3). Open this URL in a browser:');
  console.log('');
  console.log(`  ${url}`);
  console.log('');
  console.log('Type in sample.ts or sample.py; suggestions appear as ghost text (Tab accepts).');
  console.log(`Server log: ${server.logFile}. Press Ctrl-C to stop.`);
  const code = await server.exited;
  fail(`code-server exited (${code}); see ${server.logFile}`);
}
