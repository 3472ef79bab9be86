import * as assert from 'assert';
import { Config, ConfigKey, DEFAULT_CONFIG, RELOAD_KEYS, isLanguageEnabled, sanitizeConfig } from '../../../src/vscode/configValues';

describe('config values', () => {
  it('defaults when nothing is set', () => {
    assert.deepStrictEqual(sanitizeConfig(() => undefined), { ...DEFAULT_CONFIG, languages: { ...DEFAULT_CONFIG.languages } });
  });
  it('keeps valid values and fixes bad ones', () => {
    const raw: Partial<Record<ConfigKey, unknown>> = {
      enable: 'yes',
      strategy: 'beam',
      multiline: 'never',
      maxNewTokens: 1e9,
      debounceMs: -5,
      threads: 2.6,
      temperature: 'hot',
      modelPath: '  /m  ',
      languages: { python: false, go: 'no' },
    };
    const c: Config = sanitizeConfig((k) => raw[k]);
    assert.strictEqual(c.enable, true);
    assert.strictEqual(c.strategy, 'autoregressive');
    assert.strictEqual(c.multiline, 'never');
    assert.strictEqual(c.maxNewTokens, 1024);
    assert.strictEqual(c.debounceMs, 0);
    assert.strictEqual(c.threads, 3);
    assert.strictEqual(c.temperature, 0.8);
    assert.strictEqual(c.modelPath, '/m');
    assert.strictEqual(c.languages.python, false);
    assert.strictEqual(c.languages.go, undefined);
    assert.strictEqual(c.languages['*'], true);
  });
  it('per-language enable', () => {
    const langs = { '*': true, markdown: false };
    assert.strictEqual(isLanguageEnabled(langs, 'typescript'), true);
    assert.strictEqual(isLanguageEnabled(langs, 'markdown'), false);
    assert.strictEqual(isLanguageEnabled({ '*': false, python: true }, 'python'), true);
    assert.strictEqual(isLanguageEnabled({ '*': false, python: true }, 'go'), false);
    assert.strictEqual(isLanguageEnabled({}, 'go'), true);
    assert.strictEqual(isLanguageEnabled(DEFAULT_CONFIG.languages, 'scminput'), false);
  });
  it('only the model folder and threads need a reload', () => {
    assert.deepStrictEqual([...RELOAD_KEYS].sort(), ['modelPath', 'threads']);
  });
});
