import * as assert from 'node:assert';
import { CodeTokenizer } from '../../src/engine/tokenizer';
import { MODEL_DIR } from './helpers';

describe('tokenizer', () => {
  const tok = CodeTokenizer.load(MODEL_DIR);
  const samples = [
    'def f(x):\n    return x\n',
    '\tif (a) {\r\n\t\treturn b;\r\n\t}\r\n',
    'const s = "日本語のテキスト";',
    'emoji 😀🎉 and accents éàü ñ',
    '        deeply    spaced    text        ',
    '<|endoftext|> in user code',
    '',
  ];
  for (const s of samples) {
    it(`round trips ${JSON.stringify(s).slice(0, 40)}`, async () => {
      assert.strictEqual(await tok.decode(await tok.encode(s)), s);
    });
  }

  it('special-token text in code is not a control token', async () => {
    const ids = await tok.encode('<|endoftext|>');
    assert.ok(!ids.includes(tok.tokenId('<|endoftext|>')!));
  });

  it('indentation runs tokenize compactly', async () => {
    const ids = await tok.encode('\n                return x');
    assert.ok(ids.length <= 4, `${ids.length} tokens for 16 spaces + return x`);
  });

  it('has the fill-in-the-middle tokens', () => {
    for (const t of ['<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|endoftext|>']) assert.notStrictEqual(tok.tokenId(t), undefined);
  });
});

describe('tokenizer on real code', () => {
  it('round trips 200 random slices of source files (the fast byte-level decode included)', async () => {
    const { sampleSources } = await import('./helpers');
    const { seededRandom } = await import('../../src/engine/sampling');
    const tok = CodeTokenizer.load(MODEL_DIR);
    const rand = seededRandom(5);
    const files = sampleSources();
    for (let i = 0; i < 200; i++) {
      const f = files[Math.floor(rand() * files.length)];
      const a = Math.floor(rand() * f.length);
      const s = f.slice(a, a + 1 + Math.floor(rand() * 300));
      assert.strictEqual(await tok.decode(await tok.encode(s)), s);
    }
  });
});
