#!/usr/bin/env node
// Line completion on held-out files (the corpus's validation split), through the engine
// exactly as the editor uses it: at seeded random cursor positions inside lines, complete
// greedily to the end of the line and compare with the real rest of the line.
//   exact match: prediction.trim() === target.trim()
//   edit similarity: 100 * (1 - levenshtein(pred, target) / max(len)), on trimmed strings
// Two settings: "left" gives only the text before the cursor (CodeXGLUE line-level);
// "fim" also gives the lines after the cursor line as the suffix.
// Usage: node evaluate.js MODEL_DIR CORPUS_DIR [--per-group 300] [--out FILE]
const { readFileSync, writeFileSync } = require('node:fs');
const { CompletionEngine } = require('../../out/src/engine');
const { seededRandom } = require('../../out/src/engine/sampling');

function levenshtein(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

function sites(docs, n, rand) {
  const out = [];
  let guard = 0;
  while (out.length < n && guard++ < n * 50) {
    const d = docs[Math.floor(rand() * docs.length)];
    const lines = d.text.split('\n');
    const li = 1 + Math.floor(rand() * (lines.length - 1));
    const line = lines[li];
    const start = line.length - line.trimStart().length;
    if (line.trim().length < 4) continue;
    const col = start + Math.floor(rand() * (line.trimEnd().length - start - 1)); // strictly inside the line
    const before = lines.slice(0, li).join('\n') + '\n' + line.slice(0, col);
    const after = lines.slice(li + 1).join('\n');
    out.push({ before, target: line.slice(col), after });
  }
  return out;
}

async function main() {
  const [modelDir, corpusDir] = process.argv.slice(2);
  const arg = (name, def) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : def);
  const perGroup = Number(arg('--per-group', '300'));
  const docs = readFileSync(`${corpusDir}/valid.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const groups = { python: docs.filter((d) => d.lang === 'python'), 'typescript/javascript': docs.filter((d) => d.lang === 'typescript' || d.lang === 'javascript') };
  const engine = await CompletionEngine.load({ modelDir });
  const result = { files: {}, samples: perGroup, metrics: {} };
  for (const [g, ds] of Object.entries(groups)) {
    result.files[g] = ds.length;
    const ss = sites(ds, perGroup, seededRandom(2024));
    for (const mode of ['left', 'fim']) {
      let em = 0, es = 0, ms = 0;
      for (const s of ss) {
        const r = await engine.complete({ prefix: s.before, suffix: mode === 'fim' ? '\n' + s.after : '', maxNewTokens: 48, strategy: 'parallel' });
        const p = r.text.trim(), t = s.target.trim();
        if (p === t) em++;
        es += 100 * (1 - levenshtein(p, t) / Math.max(1, p.length, t.length));
        ms += r.stats.totalMs;
      }
      result.metrics[`${g}/${mode}`] = { exactMatch: +(100 * em / ss.length).toFixed(1), editSimilarity: +(es / ss.length).toFixed(1), meanMs: +(ms / ss.length).toFixed(1), n: ss.length };
      console.log(g, mode, JSON.stringify(result.metrics[`${g}/${mode}`]));
    }
  }
  await engine.dispose();
  const out = arg('--out', null);
  if (out) writeFileSync(out, JSON.stringify(result, null, 1));
}

main().catch((e) => {
  console.error('evaluate:', e.message);
  process.exit(1);
});
