import * as assert from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBench } from '../../src/engine/bench';
import { MODEL_DIR } from './helpers';

/** Runs `bench --quick` programmatically: the JSON's shape and the decoding check, never times. */
describe('bench --quick', function () {
  this.timeout(300_000);
  let dir: string;
  let code: number;
  let json: Record<string, any>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lc-bench-'));
    const write = process.stdout.write;
    const errWrite = process.stderr.write;
    process.stdout.write = (() => true) as typeof process.stdout.write; // keep mocha's output readable
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      code = await runBench(['--quick', '--json', '--model', MODEL_DIR, '--out', dir, '--svg', join(dir, 'chart.svg')]);
    } finally {
      process.stdout.write = write;
      process.stderr.write = errWrite;
    }
    json = JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const numberOrNull = (v: unknown, name: string) =>
    assert.ok(v === null || (typeof v === 'number' && Number.isFinite(v)), `${name} = ${JSON.stringify(v)}`);

  it('exits 0 with identical greedy outputs', () => {
    assert.strictEqual(json.decoding.identical, true, JSON.stringify(json.decoding.mismatches));
    assert.strictEqual(json.typing.identical, true, JSON.stringify(json.typing.mismatches));
    assert.deepStrictEqual(json.failures, []);
    assert.strictEqual(code, 0);
  });

  it('reports the fields other tools read', () => {
    for (const [section, key] of [
      ['typing', 'ttftSpeedup'], ['typing', 'reusedShare'], ['decoding', 'parallelSpeedup'],
      ['peer', 'keystrokeSpeedup'], ['peer', 'decodeSpeedup'], ['roofline', 'fraction'],
    ]) {
      assert.ok(key in json[section], `${section}.${key} missing`);
      numberOrNull(json[section][key], `${section}.${key}`);
    }
    assert.strictEqual(typeof json.typing.ttftSpeedup, 'number');
    assert.ok(json.typing.reusedShare >= 0 && json.typing.reusedShare <= 1);
    for (const key of ['peakRssBytes', 'cacheBytesMax', 'cacheBudgetBytes']) {
      assert.ok(Number.isInteger(json.memory[key]) && json.memory[key] >= 0, `memory.${key}`);
    }
    assert.ok(json.memory.cacheBytesMax <= json.memory.cacheBudgetBytes);
    for (const key of ['cpuModel', 'node', 'date']) assert.strictEqual(typeof json.machine[key], 'string', `machine.${key}`);
    assert.ok(json.machine.cores > 0);
    // the peer either ran or says why not
    assert.ok(json.peer.error === null || typeof json.peer.error === 'string');
    if (json.peer.error === null) assert.ok(json.peer.keystroke.keystrokes > 0);
  });

  it('covers every strategy and the replay it was asked for', () => {
    const names = json.decoding.strategies.map((s: { name: string }) => s.name);
    assert.deepStrictEqual(names, ['autoregressive', 'parallel k=6', 'recompute']);
    for (const s of json.decoding.strategies) assert.ok(s.completions > 0 && s.forwardPasses >= 1, s.name);
    assert.ok(json.typing.keystrokes > 0);
    assert.ok(json.typing.reuseOn.ttftMs.n === json.typing.keystrokes);
  });

  it('writes the markdown table and the SVG chart', () => {
    const md = readFileSync(join(dir, 'latest.md'), 'utf8');
    assert.match(md, /\| prefix reuse on/);
    const svg = readFileSync(join(dir, 'chart.svg'), 'utf8');
    assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /<\/svg>\n$/);
    assert.ok((svg.match(/<rect /g) ?? []).length > 5);
  });
});
