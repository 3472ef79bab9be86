#!/usr/bin/env python3
"""Turn the corpus into token streams for training, half of the samples in
fill-in-the-middle form (PSM order, the layout the editor builds):

    <|fim_prefix|> lines before the cursor line <|fim_suffix|> text after the middle
    <|fim_middle|> middle <|endoftext|>

The middle always starts at a line start, so "the text typed on the current line"
(which the editor puts after <|fim_middle|>) is just the middle's beginning.
Usage: prepare.py CORPUS_DIR TOKENIZER_JSON OUT_DIR [--seed 7]
Writes OUT_DIR/{train,valid}.bin (uint16) and OUT_DIR/stats.json.
"""
import json, random, sys

import numpy as np

from bpe import Encoder


def chunks(text, rng):
    """Split a file at line boundaries into pieces of 600-3500 chars."""
    lines = text.splitlines(keepends=True)
    cur, size, want = [], 0, rng.randint(600, 3500)
    for l in lines:
        cur.append(l)
        size += len(l)
        if size >= want:
            yield ''.join(cur)
            cur, size, want = [], 0, rng.randint(600, 3500)
    if cur:
        yield ''.join(cur)


def fim_split(chunk, rng):
    starts = [0] + [i + 1 for i, c in enumerate(chunk) if c == '\n' and i + 1 < len(chunk)]
    a = rng.choice(starts)
    ends = [i for i, c in enumerate(chunk) if c == '\n' and i >= a]
    if rng.random() < 0.5 or not ends:   # middle ends inside a line
        b = rng.randint(a + 1, min(len(chunk), a + 200)) if a + 1 < len(chunk) else len(chunk)
    else:                                # middle is 1-4 whole lines
        b = ends[min(len(ends) - 1, rng.randint(0, 3))] + 1
    return chunk[:a], chunk[a:b], chunk[b:]


def build(docs, enc, rng, fim_rate=0.5):
    sp = enc.special
    EOT, PRE, SUF, MID = sp['<|endoftext|>'], sp['<|fim_prefix|>'], sp['<|fim_suffix|>'], sp['<|fim_middle|>']
    out, n_fim, n_plain = [], 0, 0
    for text in docs:
        pieces = list(chunks(text, rng))
        for j, c in enumerate(pieces):
            if rng.random() < fim_rate:
                p, m, s = fim_split(c, rng)
                out += [PRE] + enc.encode(p) + [SUF] + enc.encode(s) + [MID] + enc.encode(m) + [EOT]
                n_fim += 1
            else:
                out += enc.encode(c)
                if j == len(pieces) - 1:
                    out.append(EOT)
                n_plain += 1
    return np.array(out, dtype=np.uint16), n_fim, n_plain


def main():
    corpus, tok, out = sys.argv[1:4]
    seed = int(sys.argv[sys.argv.index('--seed') + 1]) if '--seed' in sys.argv else 7
    enc = Encoder(json.load(open(tok)))
    stats = {}
    for split in ('train', 'valid'):
        docs = [json.loads(l)['text'] for l in open('%s/%s.jsonl' % (corpus, split))]
        rng = random.Random(seed)
        rng.shuffle(docs)
        arr, n_fim, n_plain = build(docs, enc, rng)
        arr.tofile('%s/%s.bin' % (out, split))
        stats[split] = {'tokens': int(arr.size), 'fim_samples': n_fim, 'plain_samples': n_plain,
                        'chars': sum(len(d) for d in docs)}
        print(split, stats[split], flush=True)
    json.dump(stats, open(out + '/stats.json', 'w'), indent=1)


if __name__ == '__main__':
    main()
