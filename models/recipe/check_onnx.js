#!/usr/bin/env node
// Checks an exported model folder against torch's reference answers (export.py writes
// them), loading it with the engine's own loader (out/src/engine, so build first):
//   1. logits of a 40-token input: max |onnx - torch| <= 1e-4, in one pass and as 25 + 15 with past;
//   2. greedy decoding with the KV cache gives torch's greedy tokens (computed without any cache).
// Usage: node check_onnx.js MODEL_DIR REF_DIR
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { ModelSession } = require('../../out/src/engine/modelSession');
const { readModelConfig } = require('../../out/src/engine/modelConfig');

const TOL = 1e-4;

async function check(dir, refDir, onnxFile) {
  const ref = JSON.parse(readFileSync(join(refDir, 'ref.json'), 'utf8'));
  const refLogits = new Float32Array(readFileSync(join(refDir, 'logits.f32')).buffer.slice(0));
  const cfg = readModelConfig(dir, () => undefined);
  const s = await ModelSession.load(dir, cfg.vocabSize, { kvHeads: cfg.kvHeads, headDim: cfg.headDim, onnxFile });
  const maxDiff = (a, off) => {
    let m = 0;
    for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - refLogits[off + i]));
    return m;
  };
  const full = await s.forward(ref.ids, s.empty());
  const dFull = maxDiff(full.logits, 0);
  const a = await s.forward(ref.ids.slice(0, 25), s.empty());
  const b = await s.forward(ref.ids.slice(25), a.present);
  const dPast = Math.max(maxDiff(a.logits, 0), maxDiff(b.logits, 25 * ref.vocab));
  const argmax = (row) => row.reduce((bi, v, i, arr) => (v > arr[bi] ? i : bi), 0);
  let r = await s.forward(ref.greedy_prompt, s.empty());
  const greedy = [];
  for (let i = 0; i < ref.greedy.length; i++) {
    const t = argmax(r.logits.subarray(r.logits.length - r.vocab));
    greedy.push(t);
    r = await s.forward([t], r.present);
  }
  const same = JSON.stringify(greedy) === JSON.stringify(ref.greedy);
  const out = { file: onnxFile, maxAbsDiff: dFull, maxAbsDiffWithPast: dPast, tolerance: TOL, greedyWithCacheEqualsTorch: same, layout: s.layout };
  await s.release();
  return out;
}

async function main() {
  const [dir, refDir] = process.argv.slice(2);
  const files = ['onnx/model.onnx', 'onnx/model_lastk.onnx'].filter((f) => existsSync(join(dir, f)));
  const results = [];
  for (const f of files) results.push(await check(dir, refDir, f));
  const ok = results.length > 0 && results.every((r) => r.maxAbsDiff <= TOL && r.maxAbsDiffWithPast <= TOL && r.greedyWithCacheEqualsTorch);
  const worst = { maxAbsDiff: Math.max(...results.map((r) => r.maxAbsDiff)), maxAbsDiffWithPast: Math.max(...results.map((r) => r.maxAbsDiffWithPast)),
    greedyWithCacheEqualsTorch: results.every((r) => r.greedyWithCacheEqualsTorch), files: results };
  console.log(JSON.stringify(worst));
  if (!ok) {
    console.error('check_onnx: FAILED: the ONNX model does not match torch');
    process.exit(1);
  }
}

main().catch((e) => {
  console.error('check_onnx:', e.message);
  process.exit(1);
});
