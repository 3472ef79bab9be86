#!/usr/bin/env bash
# CI smoke test of the recipe: tiny corpus, tiny tokenizer, a few training steps, export,
# then load the result with the engine's loader and check it against torch.
# Runs in about a minute; keeps the recipe from rotting silently. Needs `npm run build` first.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
PY=${PYTHON:-/usr/bin/python3}
"$PY" -c 'import torch, onnx, numpy, regex' 2>/dev/null || {
  echo "smoke: error: $PY lacks torch/onnx/numpy/regex: apt-get install python3-torch python3-onnx python3-numpy python3-regex" >&2; exit 2; }
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
cd "$here"
"$PY" corpus.py "$w/corpus" --tiny > "$w/corpus.log"
"$PY" train_tokenizer.py "$w/corpus" "$w/tokenizer.json" --vocab 1024 --sample-mb 0.3
"$PY" prepare.py "$w/corpus" "$w/tokenizer.json" "$w" > /dev/null
"$PY" train.py "$w" "$w/run" --preset tiny --vocab 1024 --tokens 40000 --batch-tokens 2048 --eval-every 1000 --threads 2 | tail -1
"$PY" export.py "$w/run/final.pt" "$w/tokenizer.json" "$w/model" 2>&1 | grep -v -i warn
# refusing to overwrite without --force is part of the contract
if "$PY" export.py "$w/run/final.pt" "$w/tokenizer.json" "$w/model" 2>/dev/null; then echo "smoke: export overwrote a model without --force" >&2; exit 1; fi
node check_onnx.js "$w/model" "$w/run/onnx_ref"
echo "smoke: recipe OK"
