/**
 * Entry point of the extension-host suite: VS Code loads this module in the extension host
 * (extensionTestsPath) and awaits run(). Works under code-server (test/run/runHostSuite.ts)
 * and under @vscode/test-electron (test/run/runElectron.ts).
 *
 * Results go to the extension host's console and to .test-artifacts/host-suite.log.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha = require('mocha');
import { removeCopies } from './helpers';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const REPORT = path.join(REPO, '.test-artifacts', 'host-suite.log');

/** Files run first, in this order; any other *.test.js after them, sorted. */
const ORDER = ['activation', 'configuration', 'commands', 'provider', 'badModel'];

function testFiles(): string[] {
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js'));
  const rank = (f: string) => {
    const i = ORDER.indexOf(f.replace(/\.test\.js$/, ''));
    return i < 0 ? ORDER.length : i;
  };
  return files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((f) => path.join(__dirname, f));
}

export function run(): Promise<void> {
  fs.mkdirSync(path.dirname(REPORT), { recursive: true });
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    console.log(`[host-suite] ${line}`);
    fs.writeFileSync(REPORT, lines.join('\n') + '\n');
  };

  /** A spec-like reporter that writes through console.log (forwarded to the browser) and to a file. */
  class Reporter extends Mocha.reporters.Base {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      const { EVENT_SUITE_BEGIN, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;
      let depth = 0;
      const indent = () => '  '.repeat(depth);
      runner.on(EVENT_SUITE_BEGIN, (suite) => {
        if (suite.title) say(`${indent()}${suite.title}`);
        depth++;
      });
      runner.on('suite end', () => depth--);
      runner.on(EVENT_TEST_PASS, (test) => say(`${indent()}✓ ${test.title} (${test.duration} ms)`));
      runner.on(EVENT_TEST_FAIL, (test, error) => say(`${indent()}✗ ${test.title}: ${error?.message ?? error}`));
      runner.on(EVENT_TEST_PENDING, (test) => say(`${indent()}- ${test.title} (skipped)`));
      runner.once(EVENT_RUN_END, () => {
        const s = this.stats;
        say('');
        say(`${s.passes} passing, ${s.failures} failing, ${s.pending} pending (${s.duration ?? 0} ms)`);
        this.failures.forEach((test, i) => {
          const error = (test as unknown as { err?: Error }).err;
          say(`${i + 1}) ${test.fullTitle()}`);
          say(`   ${(error?.stack ?? String(error)).split('\n').join('\n   ')}`);
        });
      });
    }
  }

  const mocha = new Mocha({ ui: 'tdd', timeout: 120_000, color: false, reporter: Reporter });
  for (const file of testFiles()) mocha.addFile(file);
  say(`Local Complete extension-host suite in VS Code ${require('vscode').version}`);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures: number) => {
        removeCopies();
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
    } catch (error) {
      reject(error);
    }
  });
}
