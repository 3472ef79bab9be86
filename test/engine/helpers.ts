import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../../src/engine/sampling';

export const REPO = join(__dirname, '..', '..', '..');
/** The bundled model, or another folder in the same layout. */
export const MODEL_DIR = process.env.LOCAL_COMPLETE_TEST_MODEL ?? join(REPO, 'models');

/** Real source text to cut prompts from: the engine's own sources and the test fixtures. */
export function sampleSources(): string[] {
  const dirs = [join(REPO, 'src', 'engine'), join(REPO, 'models', 'recipe')];
  const out: string[] = [];
  for (const d of dirs) {
    for (const f of readdirSync(d).sort()) {
      if (/\.(ts|py)$/.test(f)) out.push(readFileSync(join(d, f), 'utf8'));
    }
  }
  return out;
}

/** n (prefix, suffix) pairs at seeded random cursor positions inside real files. */
export function samplePrompts(n: number, seed: number): Array<{ prefix: string; suffix: string }> {
  const rand = seededRandom(seed);
  const files = sampleSources();
  const out = [];
  for (let i = 0; i < n; i++) {
    const text = files[Math.floor(rand() * files.length)];
    const at = Math.floor(rand() * text.length);
    out.push({ prefix: text.slice(0, at), suffix: text.slice(at) });
  }
  return out;
}
