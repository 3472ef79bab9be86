#!/usr/bin/env python3
"""Usage: train_tokenizer.py CORPUS_DIR OUT_TOKENIZER_JSON [--vocab 8192] [--sample-mb 12]"""
import json, random, sys, time

from bpe import Encoder, to_json, train


def main():
    a = sys.argv
    corpus, out = a[1], a[2]
    vocab_size = int(a[a.index('--vocab') + 1]) if '--vocab' in a else 8192
    sample = int(float(a[a.index('--sample-mb') + 1]) * 1e6) if '--sample-mb' in a else 12_000_000
    docs = [json.loads(l)['text'] for l in open(corpus + '/train.jsonl')]
    random.Random(1234).shuffle(docs)
    texts, n = [], 0
    for d in docs:  # a seeded sample of whole files, all languages mixed
        if n >= sample:
            break
        texts.append(d)
        n += len(d)
    t = time.time()
    vocab, merges = train(texts, vocab_size)
    tj = to_json(vocab, merges)
    json.dump(tj, open(out, 'w'), ensure_ascii=False)
    enc = Encoder(tj)
    probe = ''.join(texts[:50])[:200000]
    ids = enc.encode(probe)
    assert enc.decode(ids) == probe, 'round trip failed'
    print('tokenizer: %d tokens (%d merges) trained on %.1f MB in %.0fs; %.2f chars/token on a probe'
          % (len(tj['model']['vocab']), len(merges), n / 1e6, time.time() - t, len(probe) / len(ids)))


if __name__ == '__main__':
    main()
