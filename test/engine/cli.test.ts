import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODEL_DIR, REPO } from './helpers';

const CLI = join(REPO, 'out', 'src', 'engine', 'cli.js');
const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, [CLI, ...args, '--model', MODEL_DIR], { input, encoding: 'utf8', timeout: 120_000 });

describe('local-complete CLI', function () {
  this.timeout(300_000);
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'lc-cli-'));
    writeFileSync(join(tmp, 'a.py'), 'import os\n\ndef list_files(path):\n    return os.listdir(path)\n\ndef main():\n    ');
    writeFileSync(join(tmp, 'bin.dat'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]));
    writeFileSync(join(tmp, 'empty.ts'), '');
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('completes a file at an offset and prints JSON with completion, strategy and stats', () => {
    for (const strategy of ['autoregressive', 'parallel']) {
      const r = cli(['complete', '--file', join(tmp, 'a.py'), '--offset', '40', '--strategy', strategy, '--json', '--max-new-tokens', '16']);
      assert.strictEqual(r.status, 0, r.stderr);
      const j = JSON.parse(r.stdout);
      assert.strictEqual(typeof j.completion, 'string');
      assert.strictEqual(j.strategy, strategy);
      assert.ok(j.stats.promptTokens > 0 && j.stats.forwardPasses >= 1);
    }
  });

  it('reads the prompt from stdin, and --no-cache recomputes', () => {
    const r = cli(['complete', '--json', '--no-cache', '--max-new-tokens', '8'], 'def add(a, b):\n    return ');
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(JSON.parse(r.stdout).strategy, 'recompute');
  });

  it('an empty file completes', () => {
    const r = cli(['complete', '--file', join(tmp, 'empty.ts'), '--json', '--max-new-tokens', '4']);
    assert.strictEqual(r.status, 0, r.stderr);
  });

  const bad: Array<{ name: string; args: string[]; code: number; msg: RegExp }> = [
    { name: 'offset outside the file', args: ['--offset', '100000'], code: 2, msg: /offset 100000 is outside the file/ },
    { name: 'binary file', args: ['--file', 'BIN'], code: 2, msg: /looks binary/ },
    { name: 'missing file', args: ['--file', '/nonexistent/x.py'], code: 2, msg: /file not found/ },
    { name: 'unknown strategy', args: ['--strategy', 'magic'], code: 2, msg: /unknown strategy/ },
  ];
  for (const t of bad) {
    it(`clear error: ${t.name}`, () => {
      const args = t.args.map((a) => (a === 'BIN' ? join(tmp, 'bin.dat') : a));
      const file = args.includes('--file') ? [] : ['--file', join(tmp, 'a.py')];
      const r = cli(['complete', ...file, ...args]);
      assert.strictEqual(r.status, t.code, r.stderr);
      assert.match(r.stderr, t.msg);
    });
  }

  it('a missing model folder exits 3 with the path', () => {
    const r = spawnSync(process.execPath, [CLI, 'complete', '--model', join(tmp, 'no-model')], { input: 'x', encoding: 'utf8' });
    assert.strictEqual(r.status, 3);
    assert.match(r.stderr, /model folder not found.*no-model/);
  });
});
