"""Byte-level BPE, trained here and saved as a Hugging Face tokenizer.json.

Pre-tokenization is the GPT-2 regex that the `tokenizers` ByteLevel pre-tokenizer
applies (use_regex: true), so Python-side encoding here and the engine's encoding
through the `tokenizers` npm package agree (the smoke test checks it). Runs of
spaces stay one pre-token (`\\s+(?!\\S)`), so indentation merges into few tokens.
"""
import collections, heapq, json

import regex

PAT = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")
SPECIALS = ['<|endoftext|>', '<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>', '<|file_sep|>']


def byte_alphabet():
    """GPT-2's bytes -> printable unicode map (the ByteLevel alphabet)."""
    bs = list(range(ord('!'), ord('~') + 1)) + list(range(ord('¡'), ord('¬') + 1)) + list(range(ord('®'), ord('ÿ') + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


B2U = byte_alphabet()


def pretokens(text):
    for m in PAT.finditer(text):
        yield ''.join(B2U[b] for b in m.group().encode('utf-8'))


def train(texts, vocab_size):
    """texts: iterable of str. Returns (vocab dict token->id, merges list[(a, b)])."""
    counts = collections.Counter()
    for t in texts:
        counts.update(pretokens(t))
    words = [list(w) for w in counts]
    freq = [counts[w] for w in counts]
    pair_count = collections.defaultdict(int)
    where = collections.defaultdict(set)
    for i, w in enumerate(words):
        for p in zip(w, w[1:]):
            pair_count[p] += freq[i]
            where[p].add(i)
    heap = [(-c, p) for p, c in pair_count.items()]
    heapq.heapify(heap)
    alphabet = sorted(B2U.values())
    n_merges = vocab_size - len(alphabet) - len(SPECIALS)
    merges = []
    while len(merges) < n_merges and heap:
        c, p = heapq.heappop(heap)
        if -c != pair_count.get(p, 0) or -c <= 0:
            continue  # stale heap entry
        merges.append(p)
        new = p[0] + p[1]
        changed = collections.defaultdict(int)
        for i in list(where[p]):
            w, f = words[i], freq[i]
            for q in zip(w, w[1:]):
                changed[q] -= f
            j, out = 0, []
            while j < len(w):
                if j + 1 < len(w) and w[j] == p[0] and w[j + 1] == p[1]:
                    out.append(new)
                    j += 2
                else:
                    out.append(w[j])
                    j += 1
            words[i] = out
            for q in zip(out, out[1:]):
                changed[q] += f
                where[q].add(i)
        del where[p]
        for q, d in changed.items():
            if d:
                pair_count[q] += d
                heapq.heappush(heap, (-pair_count[q], q))
        pair_count.pop(p, None)
    vocab = {}
    for s in alphabet:
        vocab[s] = len(vocab)
    for a, b in merges:
        vocab.setdefault(a + b, len(vocab))
    return vocab, merges


def to_json(vocab, merges):
    added = []
    for s in SPECIALS:
        vocab[s] = len(vocab)
        added.append({'id': vocab[s], 'content': s, 'single_word': False, 'lstrip': False, 'rstrip': False,
                      'normalized': False, 'special': True})
    return {
        'version': '1.0', 'truncation': None, 'padding': None, 'added_tokens': added, 'normalizer': None,
        'pre_tokenizer': {'type': 'ByteLevel', 'add_prefix_space': False, 'trim_offsets': True, 'use_regex': True},
        'post_processor': {'type': 'ByteLevel', 'add_prefix_space': False, 'trim_offsets': False, 'use_regex': True},
        'decoder': {'type': 'ByteLevel', 'add_prefix_space': False, 'trim_offsets': True, 'use_regex': True},
        'model': {'type': 'BPE', 'dropout': None, 'unk_token': None, 'continuing_subword_prefix': None,
                  'end_of_word_suffix': None, 'fuse_unk': False, 'byte_fallback': False, 'ignore_merges': False,
                  'vocab': vocab, 'merges': [a + ' ' + b for a, b in merges]},
    }


class Encoder:
    """Encodes plain text (no special tokens inside) like the tokenizers package does."""

    def __init__(self, tok_json):
        m = tok_json['model']
        self.vocab = m['vocab']
        self.rank = {tuple(s.split(' ')): i for i, s in enumerate(m['merges'])}
        self.special = {t['content']: t['id'] for t in tok_json['added_tokens']}
        self.inv = {i: t for t, i in self.vocab.items()}
        self.u2b = {u: b for b, u in B2U.items()}
        self.cache = {}

    def _bpe(self, w):
        parts = list(w)
        while len(parts) > 1:
            best = min(range(len(parts) - 1), key=lambda i: self.rank.get((parts[i], parts[i + 1]), 1 << 30))
            if (parts[best], parts[best + 1]) not in self.rank:
                break
            parts[best:best + 2] = [parts[best] + parts[best + 1]]
        return [self.vocab[p] for p in parts]

    def encode(self, text):
        out = []
        for w in pretokens(text):
            ids = self.cache.get(w)
            if ids is None:
                ids = self.cache[w] = self._bpe(w)
            out.extend(ids)
        return out

    def decode(self, ids):
        specials = {v: k for k, v in self.special.items()}
        bs = bytearray()
        for i in ids:
            if i in specials:
                bs.extend(specials[i].encode())
            else:
                bs.extend(self.u2b[c] for c in self.inv[i])
        return bs.decode('utf-8', errors='replace')
