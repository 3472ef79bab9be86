#!/usr/bin/env bash
# Rebuilds the bundled model from nothing, deterministically (seeded) and resumably:
#   bash models/recipe/build.sh            # refuses to overwrite models/ if it holds a model
#   bash models/recipe/build.sh --force    # replace the shipped model
# About 2 hours on 2 CPU cores (the training step); re-running resumes from work/run/ckpt.pt.
# Needs: apt-get install python3-torch python3-onnx python3-numpy python3-regex libopenblas0-pthread golang-1.19-src
#        and `npm ci && npm run build` (the checks load the model with the engine).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
PY=${PYTHON:-/usr/bin/python3}
w="$here/work"
force=${1:-}
if [ -e "$repo/models/onnx/model.onnx" ] && [ "$force" != "--force" ]; then
  echo "build: models/ already holds a model; pass --force to replace it" >&2; exit 2
fi
mkdir -p "$w"
cd "$here"
[ -s "$w/corpus/train.jsonl" ] || "$PY" corpus.py "$w/corpus"
[ -s "$w/tokenizer.json" ] || "$PY" train_tokenizer.py "$w/corpus" "$w/tokenizer.json" --vocab 8192 --sample-mb 16
[ -s "$w/train.bin" ] || "$PY" prepare.py "$w/corpus" "$w/tokenizer.json" "$w"
[ -s "$w/run/final.pt" ] || "$PY" train.py "$w" "$w/run" --tokens 10.1e6 --long-frac 0.1 --preset small
"$PY" export.py "$w/run/final.pt" "$w/tokenizer.json" "$repo/models" --force
node check_onnx.js "$repo/models" "$w/run/onnx_ref" | tee "$w/check.json"
node evaluate.js "$repo/models" "$w/corpus" --per-group 300 --out "$w/eval.json"
"$PY" card.py "$w" "$repo/models"
