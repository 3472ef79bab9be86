import * as assert from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './helpers';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('engine isolation', () => {
  it('no engine file imports vscode', () => {
    const bad = files(join(REPO, 'src', 'engine'))
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /from ['"]vscode['"]|require\(['"]vscode['"]\)|import\(['"]vscode['"]\)/.test(readFileSync(f, 'utf8')));
    assert.deepStrictEqual(bad, []);
  });

  it('only modelSession.ts imports onnxruntime', () => {
    const users = files(join(REPO, 'src'))
      .filter((f) => f.endsWith('.ts') && /from ['"]onnxruntime-node['"]|require\(['"]onnxruntime-node['"]\)|import\(['"]onnxruntime-node['"]\)/.test(readFileSync(f, 'utf8')))
      .map((f) => f.slice(REPO.length + 1));
    assert.deepStrictEqual(users, ['src/engine/modelSession.ts']);
  });
});
