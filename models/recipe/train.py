#!/usr/bin/env python3
"""Train the model on a token stream. Seeded, deterministic and resumable:
the batch at step s is drawn from np.random.default_rng([seed, s]), and the
checkpoint holds model, optimizer and step, so a resumed run continues exactly.

Usage: train.py DATA_DIR OUT_DIR [--tokens 11e6] [--preset small|tiny] [--threads 2]
Phase 1 trains at 512 tokens per sequence; the last --long-frac of the tokens
at 1024, so the model sees its full context.
"""
import argparse, json, math, os, time

import numpy as np
import torch
import torch.nn.functional as F

from model import GPT, Config

PRESETS = {
    'small': dict(n_layer=4, n_head=6, n_kv_head=2, d_model=192, d_ff=512, max_seq=1024),
    'tiny': dict(n_layer=2, n_head=2, n_kv_head=1, d_model=32, d_ff=64, max_seq=1024),
}


def batch(data, rng, B, T):
    ix = rng.integers(0, len(data) - T - 1, size=B)
    x = np.stack([data[i:i + T] for i in ix]).astype(np.int64)
    y = np.stack([data[i + 1:i + T + 1] for i in ix]).astype(np.int64)
    return torch.from_numpy(x), torch.from_numpy(y)


@torch.no_grad()
def evaluate(model, data, T=512, n=24):
    model.eval()
    rng = np.random.default_rng(999)
    losses = []
    for _ in range(n // 4):
        x, y = batch(data, rng, 4, T)
        losses.append(F.cross_entropy(model(x).flatten(0, 1), y.flatten()).item())
    model.train()
    return sum(losses) / len(losses)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('data')
    ap.add_argument('out')
    ap.add_argument('--tokens', type=float, default=11e6)
    ap.add_argument('--preset', default='small')
    ap.add_argument('--vocab', type=int, default=8192)
    ap.add_argument('--batch-tokens', type=int, default=8192)
    ap.add_argument('--long-frac', type=float, default=0.2)
    ap.add_argument('--lr', type=float, default=3e-3)
    ap.add_argument('--seed', type=int, default=1337)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--eval-every', type=int, default=100)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    os.makedirs(a.out, exist_ok=True)
    train = np.memmap(os.path.join(a.data, 'train.bin'), dtype=np.uint16, mode='r')
    valid = np.memmap(os.path.join(a.data, 'valid.bin'), dtype=np.uint16, mode='r')
    cfg = Config(vocab_size=a.vocab, **PRESETS[a.preset])
    model = GPT(cfg)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    rest = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{'params': decay, 'weight_decay': 0.1}, {'params': rest, 'weight_decay': 0.0}],
                            lr=a.lr, betas=(0.9, 0.95))
    steps = int(a.tokens // a.batch_tokens)
    long_from = int(steps * (1 - a.long_frac))
    warmup = max(1, min(200, steps // 20))
    ck = os.path.join(a.out, 'ckpt.pt')
    step, log, t_train = 0, [], 0.0
    if os.path.exists(ck):
        s = torch.load(ck)
        model.load_state_dict(s['model'])
        opt.load_state_dict(s['opt'])
        step, log, t_train = s['step'], s['log'], s['train_seconds']
        print('resumed at step', step, flush=True)
    print('params %.2fM, steps %d, tokens %.1fM' % (model.n_params() / 1e6, steps, steps * a.batch_tokens / 1e6), flush=True)
    t0 = time.time()
    while step < steps:
        T = 1024 if step >= long_from else 512
        B = a.batch_tokens // T
        lr = a.lr * min(1, (step + 1) / warmup) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * step / steps)))
        for g in opt.param_groups:
            g['lr'] = lr
        x, y = batch(train, np.random.default_rng([a.seed, step]), B, T)
        loss = F.cross_entropy(model(x).flatten(0, 1), y.flatten())
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        if step % 10 == 0:
            dt = time.time() - t0
            t_train += dt
            t0 = time.time()
            print('step %d/%d T=%d loss %.3f lr %.2e %.0f tok/s' % (step, steps, T, loss.item(), lr, 10 * a.batch_tokens / dt), flush=True)
        if step % a.eval_every == 0 or step == steps:
            vl = evaluate(model, valid)
            log.append({'step': step, 'tokens': step * a.batch_tokens, 'train_loss': loss.item(), 'valid_loss': vl,
                        'train_seconds': round(t_train)})
            print('eval step %d valid loss %.4f' % (step, vl), flush=True)
            torch.save({'model': model.state_dict(), 'opt': opt.state_dict(), 'step': step, 'log': log,
                        'train_seconds': t_train, 'config': cfg.to_dict()}, ck + '.tmp')
            os.replace(ck + '.tmp', ck)
    torch.save({'model': model.state_dict(), 'config': cfg.to_dict(), 'log': log, 'train_seconds': t_train,
                'tokens': steps * a.batch_tokens, 'valid_loss_512': evaluate(model, valid, 512),
                'valid_loss_1024': evaluate(model, valid, 1024)}, os.path.join(a.out, 'final.pt'))
    print('done', flush=True)


if __name__ == '__main__':
    main()
