#!/usr/bin/env python3
"""Writes models/README.md, the model card, from what the recipe measured.
Usage: card.py WORK_DIR MODEL_DIR"""
import json, os, platform, sys

import torch


def cpu():
    for l in open('/proc/cpuinfo'):
        if l.startswith('model name'):
            return l.split(':', 1)[1].strip()
    return platform.processor()


def main():
    w, out = sys.argv[1:3]
    man = json.load(open(os.path.join(w, 'corpus', 'manifest.json')))
    stats = json.load(open(os.path.join(w, 'stats.json')))
    fin = torch.load(os.path.join(w, 'run', 'final.pt'))
    check = json.loads(open(os.path.join(w, 'check.json')).read().strip().splitlines()[-1])
    ev = json.load(open(os.path.join(w, 'eval.json')))
    cfg = json.load(open(os.path.join(out, 'config.json')))
    onnx_bytes = os.path.getsize(os.path.join(out, 'onnx', 'model.onnx'))
    n_params = sum(v.numel() for v in fin['model'].values())
    L = []
    L += ['# Local Complete default model', '',
          'A small code model trained from scratch by `models/recipe/`, shipped so completions work offline on first install.', '',
          '| | |', '|---|---|',
          '| Architecture | Llama-style decoder: RMSNorm, rotary positions, grouped-query attention, SwiGLU, tied embeddings |',
          '| Size | %.2fM parameters; %d layers, d_model %d, %d heads (%d KV heads, head_dim %d), FFN %d |' % (
              n_params / 1e6, cfg['num_hidden_layers'], cfg['hidden_size'], cfg['num_attention_heads'],
              cfg['num_key_value_heads'], cfg['head_dim'], cfg['intermediate_size']),
          '| Context | %d tokens |' % cfg['max_position_embeddings'],
          '| Vocabulary | %d (byte-level BPE trained on the corpus; `<|endoftext|>`, `<|fim_prefix|>`, `<|fim_suffix|>`, `<|fim_middle|>`, `<|file_sep|>`) |' % cfg['vocab_size'],
          '| File | `onnx/model.onnx`, fp32, %.1f MB (opset 14, Optimum/transformers.js KV layout) |' % (onnx_bytes / 1e6),
          '| Training | %.1fM tokens (%d steps × 8,192), %.0f min on %s (1–2 threads), Debian torch %s + OpenBLAS |' % (
              fin['tokens'] / 1e6, fin['log'][-1]['step'], fin['train_seconds'] / 60, cpu(), torch.__version__),
          '| Objective | next token; ~50% of samples in fill-in-the-middle form (PSM), middle starting at a line start |',
          '| License | MIT (weights); corpus sources keep their own licenses, listed below |', '',
          '## Quality (measured)', '',
          '- Validation loss (held-out files, same 50%% FIM mix): **%.3f** at 512 tokens, **%.3f** at 1,024 tokens.' % (
              fin['valid_loss_512'], fin['valid_loss_1024']),
          '- ONNX vs torch logits: max abs diff %.1e (one pass) and %.1e (with past); greedy decoding with the KV cache equals torch without cache: %s.' % (
              check['maxAbsDiff'], check['maxAbsDiffWithPast'], check['greedyWithCacheEqualsTorch']), '',
          'Line completion on held-out files (%d sites per group, seeded random cursor inside a line, greedy to the end of the line, through the engine). '
          '"left": only the text before the cursor (CodeXGLUE line-level setting); "fim": the following lines are given as the suffix. '
          'Edit similarity is 100 × (1 − Levenshtein / longer length). For scale, CodeGPT-adapted (124M parameters) reaches 42%% EM / 72 ES on PY150.' % ev['samples'], '',
          '| Group | Setting | Exact match | Edit similarity | Mean latency |', '|---|---|---|---|---|']
    for k, m in ev['metrics'].items():
        g, mode = k.rsplit('/', 1)
        L.append('| %s | %s | %.1f%% | %.1f | %.0f ms |' % (g, mode, m['exactMatch'], m['editSimilarity'], m['meanMs']))
    notes = os.path.join(w, 'run', 'NOTES.md')
    if os.path.exists(notes):
        L += ['', '## Notes on this run', '', open(notes).read().strip()]
    L += ['', '## Files', '',
          '- `onnx/model.onnx`: the standard Optimum / transformers.js decoder with KV cache (what `@huggingface/transformers` loads).',
          '- `onnx/model_lastk.onnx`: the same weights plus an input `logits_to_keep` [1], so a prefill computes the LM head for the last row only '
          '(the engine prefers it; 1.12x faster 900-token prefill here and 29 MB less to allocate, see docs/engine.md).',
          '- `config.json` (HF Llama config + `local_complete`: context length, FIM tokens and ids, stop ids), `generation_config.json`, '
          '`tokenizer.json`, `tokenizer_config.json` (transformers.js needs the latter).']
    L += ['', '## Training curve', '', '| Tokens | Train loss | Valid loss |', '|---|---|---|']
    for e in fin['log'][::max(1, len(fin['log']) // 8)] + [fin['log'][-1]]:
        L.append('| %.1fM | %.3f | %.3f |' % (e['tokens'] / 1e6, e['train_loss'], e['valid_loss']))
    L += ['', '## Corpus', '',
          'Built by `corpus.py` from pinned sources (`sources.json`). Exact duplicates (whitespace-normalised hash), minified and generated files '
          '(lines over 1,000 chars, average line over 120, `.min.*`, `.d.ts`, bundles, `dist/`/`build/` folders) are dropped. '
          'Train/validation split by whole file, by content hash (%d%% validation).' % man['valid_percent'], '',
          '| Source | Version | License | Files | Bytes |', '|---|---|---|---|---|']
    for s in man['sources']:
        L.append('| %s | %s | %s | %s | %s |' % (s['source'], s['version'], s['license'],
                                               ', '.join('%s %d' % kv for kv in s['files'].items()),
                                               '{:,}'.format(sum(s['bytes'].values()))))
    tb = man['bytes']['train']
    L += ['', 'Train bytes by language: ' + ', '.join('%s {:,}'.format(v) % k for k, v in tb.items()) + '.',
          'Tokens: %s train, %s validation. Dropped files: %s.' % ('{:,}'.format(stats['train']['tokens']), '{:,}'.format(stats['valid']['tokens']),
                                                                  ', '.join('%s %d' % kv for kv in man['dropped'].items())), '',
          '## Limitations', '',
          '- It is tiny. It completes common idioms, names already in the file and closing lines; it does not know libraries beyond the corpus and it will often be wrong.',
          '- Trained on Python, Go, TypeScript and JavaScript only; other languages get generic completions.',
          '- No safety filtering beyond the corpus choice; completions can reproduce snippets of the (permissively licensed) corpus.',
          '- Trained mostly at 512 tokens with the last 10% at 1,024; quality drops past that.', '',
          '## Rebuild', '', '```', 'bash models/recipe/build.sh --force', '```', '',
          'Corpus → tokenizer → FIM token streams → training (seeded, resumable) → ONNX export → checks → evaluation → this card. '
          'CI runs `models/recipe/smoke.sh`, the same pipeline at toy size.', '']
    open(os.path.join(out, 'README.md'), 'w').write('\n'.join(L))
    print('wrote', os.path.join(out, 'README.md'))


if __name__ == '__main__':
    main()
