#!/usr/bin/env python3
"""Export a trained checkpoint to ONNX in the Optimum / transformers.js layout and
check it against torch.

  OUT/onnx/model.onnx     inputs  input_ids [1,n], attention_mask [1,P+n], position_ids [1,n],
                                  past_key_values.{i}.key|value [1,kv_heads,P,head_dim]
                          outputs logits [1,n,V], present.{i}.key|value [1,kv_heads,P+n,head_dim]
  OUT/config.json         HF-style Llama config + "local_complete" (FIM tokens, context)
  OUT/tokenizer.json, tokenizer_config.json, generation_config.json

Usage: export.py CKPT TOKENIZER_JSON OUT_DIR [--force]
Refuses to overwrite an existing model folder unless --force is given.
"""
import json, os, shutil, sys

import numpy as np
import torch

from model import GPT, Config


class KvWrapper(torch.nn.Module):
    def __init__(self, m, keep):
        super().__init__()
        self.m = m
        self.keep = keep

    def forward(self, input_ids, attention_mask, position_ids, *rest):
        keep = rest[-1] if self.keep else None
        past_flat = rest[:-1] if self.keep else rest
        past = [(past_flat[2 * i], past_flat[2 * i + 1]) for i in range(len(past_flat) // 2)]
        logits, presents = self.m.forward_kv(input_ids, attention_mask, position_ids, past, keep)
        return (logits,) + tuple(t for kv in presents for t in kv)


def load(ckpt):
    s = torch.load(ckpt)
    m = GPT(Config(**s['config']))
    m.load_state_dict(s['model'])
    m.eval()
    return m, s


def export(m, path, keep=False):
    """keep=True adds the input logits_to_keep [1] (int64): logits only for the last rows."""
    c = m.c
    L = c.n_layer
    P, n = 3, 4
    past = []
    for _ in range(L):
        past += [torch.randn(1, c.n_kv_head, P, c.head_dim), torch.randn(1, c.n_kv_head, P, c.head_dim)]
    ids = torch.randint(0, c.vocab_size, (1, n))
    mask = torch.ones(1, P + n, dtype=torch.int64)
    pos = torch.arange(P, P + n)[None]
    names_in = ['input_ids', 'attention_mask', 'position_ids']
    names_out = ['logits']
    dyn = {'input_ids': {1: 'sequence_length'}, 'attention_mask': {1: 'total_sequence_length'},
           'position_ids': {1: 'sequence_length'}, 'logits': {1: 'sequence_length'}}
    for i in range(L):
        for kv in ('key', 'value'):
            names_in.append('past_key_values.%d.%s' % (i, kv))
            names_out.append('present.%d.%s' % (i, kv))
            dyn[names_in[-1]] = {2: 'past_sequence_length'}
            dyn[names_out[-1]] = {2: 'total_sequence_length'}
    args = (ids, mask, pos, *past)
    if keep:
        names_in.append('logits_to_keep')
        dyn['logits'] = {1: 'kept_length'}
        args = args + (torch.tensor([2]),)
    with torch.no_grad():
        torch.onnx.export(KvWrapper(m, keep), args, path, input_names=names_in, output_names=names_out,
                          dynamic_axes=dyn, opset_version=14, do_constant_folding=True)


def reference(m, refdir):
    """Torch's answers for the ONNX checks that check_onnx.js runs with the engine's loader:
    logits of a 40-token input (ONNX must match within 1e-4, with and without past) and
    24 greedy tokens computed without any cache (decoding with past must give the same)."""
    os.makedirs(refdir, exist_ok=True)
    c = m.c
    ids = np.random.default_rng(0).integers(0, c.vocab_size - 8, size=(1, 40))
    with torch.no_grad():
        logits = m(torch.from_numpy(ids))[0].numpy().astype(np.float32)
        seq = list(ids[0, :20])
        greedy = []
        for _ in range(24):
            t = int(m(torch.tensor([seq]))[0, -1].argmax())
            greedy.append(t)
            seq.append(t)
    logits.tofile(os.path.join(refdir, 'logits.f32'))
    json.dump({'ids': ids[0].tolist(), 'greedy_prompt': ids[0, :20].tolist(), 'greedy': greedy,
               'vocab': c.vocab_size}, open(os.path.join(refdir, 'ref.json'), 'w'))


def write_folder(m, s, tok_path, out):
    tok = json.load(open(tok_path))
    sp = {t['content']: t['id'] for t in tok['added_tokens']}
    c = m.c
    eot = sp['<|endoftext|>']
    cfg = {
        'architectures': ['LlamaForCausalLM'], 'model_type': 'llama',
        'hidden_size': c.d_model, 'intermediate_size': c.d_ff, 'num_hidden_layers': c.n_layer,
        'num_attention_heads': c.n_head, 'num_key_value_heads': c.n_kv_head, 'head_dim': c.head_dim,
        'vocab_size': c.vocab_size, 'max_position_embeddings': c.max_seq, 'rms_norm_eps': c.norm_eps,
        'rope_theta': c.rope_theta, 'tie_word_embeddings': True, 'hidden_act': 'silu',
        'bos_token_id': eot, 'eos_token_id': eot, 'pad_token_id': eot, 'torch_dtype': 'float32',
        'use_cache': True, 'transformers.js_config': {'dtype': 'fp32'},
        'local_complete': {
            'context_length': c.max_seq,
            'fim': {'format': 'psm', 'prefix': '<|fim_prefix|>', 'suffix': '<|fim_suffix|>', 'middle': '<|fim_middle|>',
                    'prefix_id': sp['<|fim_prefix|>'], 'suffix_id': sp['<|fim_suffix|>'], 'middle_id': sp['<|fim_middle|>']},
            'stop_token_ids': [eot, sp['<|file_sep|>']],
        },
    }
    json.dump(cfg, open(os.path.join(out, 'config.json'), 'w'), indent=1)
    json.dump({'bos_token_id': eot, 'eos_token_id': eot, 'pad_token_id': eot, 'max_length': c.max_seq},
              open(os.path.join(out, 'generation_config.json'), 'w'), indent=1)
    json.dump({'tokenizer_class': 'PreTrainedTokenizerFast', 'model_max_length': c.max_seq, 'bos_token': None,
               'eos_token': '<|endoftext|>', 'pad_token': '<|endoftext|>', 'unk_token': None, 'add_bos_token': False,
               'clean_up_tokenization_spaces': False}, open(os.path.join(out, 'tokenizer_config.json'), 'w'), indent=1)
    shutil.copyfile(tok_path, os.path.join(out, 'tokenizer.json'))


def main():
    ckpt, tok, out = sys.argv[1:4]
    if os.path.exists(os.path.join(out, 'onnx', 'model.onnx')) and '--force' not in sys.argv:
        sys.stderr.write('export: error: %s already holds a model; pass --force to overwrite it\n' % out)
        sys.exit(2)
    torch.manual_seed(0)
    m, s = load(ckpt)
    os.makedirs(os.path.join(out, 'onnx'), exist_ok=True)
    path = os.path.join(out, 'onnx', 'model.onnx')
    export(m, path)
    export(m, os.path.join(out, 'onnx', 'model_lastk.onnx'), keep=True)
    write_folder(m, s, tok, out)
    reference(m, os.path.join(os.path.dirname(os.path.abspath(ckpt)), 'onnx_ref'))
    print(json.dumps({'params': m.n_params(), 'onnx_bytes': os.path.getsize(path), 'out': out}))


if __name__ == '__main__':
    main()
