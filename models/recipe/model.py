"""A small Llama-style decoder: RMSNorm, rotary positions, grouped-query attention,
SwiGLU, tied embeddings. Attention is written out (torch 1.13 has no SDPA).

Two entry points share the same weights:
  forward(idx)                         training: [B, T] -> logits [B, T, V]
  forward_kv(ids, mask, pos, past)     export: the Optimum decoder-with-past signature
"""
import math
from dataclasses import dataclass, asdict

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class Config:
    vocab_size: int = 8192
    n_layer: int = 6
    n_head: int = 6
    n_kv_head: int = 2
    d_model: int = 192
    d_ff: int = 512
    max_seq: int = 1024
    rope_theta: float = 10000.0
    norm_eps: float = 1e-5

    @property
    def head_dim(self):
        return self.d_model // self.n_head

    def to_dict(self):
        return asdict(self)


class RMSNorm(nn.Module):
    def __init__(self, d, eps):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(d))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rope_cos_sin(pos, head_dim, theta):
    # pos: [B, T] int64 -> cos, sin: [B, 1, T, head_dim]
    inv = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim))
    ang = pos.to(torch.float32)[..., None] * inv  # [B, T, hd/2]
    emb = torch.cat([ang, ang], dim=-1)
    return emb.cos()[:, None], emb.sin()[:, None]


def rotate(x, cos, sin):
    # HF Llama convention: rotate_half over the two halves of head_dim
    h = x.shape[-1] // 2
    x1, x2 = x[..., :h], x[..., h:]
    return x * cos + torch.cat([-x2, x1], dim=-1) * sin


class Attention(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.c = c
        hd = c.head_dim
        self.q = nn.Linear(c.d_model, c.n_head * hd, bias=False)
        self.k = nn.Linear(c.d_model, c.n_kv_head * hd, bias=False)
        self.v = nn.Linear(c.d_model, c.n_kv_head * hd, bias=False)
        self.o = nn.Linear(c.n_head * hd, c.d_model, bias=False)

    def forward(self, x, cos, sin, mask, past_k=None, past_v=None):
        # x: [B, T, d]; mask: [B or 1, 1, T, S] bool (True = attend); past: [B, kvh, P, hd]
        B, T, _ = x.shape
        c, hd = self.c, self.c.head_dim
        q = self.q(x).view(B, T, c.n_head, hd).transpose(1, 2)      # [B, h, T, hd]
        k = self.k(x).view(B, T, c.n_kv_head, hd).transpose(1, 2)   # [B, kvh, T, hd]
        v = self.v(x).view(B, T, c.n_kv_head, hd).transpose(1, 2)
        q, k = rotate(q, cos, sin), rotate(k, cos, sin)
        if past_k is not None:
            k = torch.cat([past_k, k], dim=2)                         # [B, kvh, S, hd]
            v = torch.cat([past_v, v], dim=2)
        present = (k, v)
        g = c.n_head // c.n_kv_head
        # expand+reshape, not repeat_interleave: the latter exports with a frozen shape (FACTS.md)
        S = k.shape[2]
        kk = k[:, :, None].expand(B, c.n_kv_head, g, S, hd).reshape(B, c.n_head, S, hd)
        vv = v[:, :, None].expand(B, c.n_kv_head, g, S, hd).reshape(B, c.n_head, S, hd)
        att = (q @ kk.transpose(-2, -1)) * (1.0 / math.sqrt(hd))       # [B, h, T, S]
        att = att.masked_fill(~mask, torch.finfo(att.dtype).min)
        att = F.softmax(att, dim=-1)
        y = (att @ vv).transpose(1, 2).reshape(B, T, c.n_head * hd)
        return self.o(y), present


class Block(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.ln1 = RMSNorm(c.d_model, c.norm_eps)
        self.attn = Attention(c)
        self.ln2 = RMSNorm(c.d_model, c.norm_eps)
        self.gate = nn.Linear(c.d_model, c.d_ff, bias=False)
        self.up = nn.Linear(c.d_model, c.d_ff, bias=False)
        self.down = nn.Linear(c.d_ff, c.d_model, bias=False)

    def forward(self, x, cos, sin, mask, past_k=None, past_v=None):
        a, present = self.attn(self.ln1(x), cos, sin, mask, past_k, past_v)
        x = x + a
        h = self.ln2(x)
        return x + self.down(F.silu(self.gate(h)) * self.up(h)), present


class GPT(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.c = c
        self.emb = nn.Embedding(c.vocab_size, c.d_model)
        self.blocks = nn.ModuleList([Block(c) for _ in range(c.n_layer)])
        self.ln_f = RMSNorm(c.d_model, c.norm_eps)
        self.apply(self._init)
        for b in self.blocks:  # scaled init of residual projections (GPT-2)
            nn.init.normal_(b.attn.o.weight, std=0.02 / math.sqrt(2 * c.n_layer))
            nn.init.normal_(b.down.weight, std=0.02 / math.sqrt(2 * c.n_layer))

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)

    def n_params(self):
        return sum(p.numel() for p in self.parameters())

    def logits(self, x):
        return self.ln_f(x) @ self.emb.weight.t()  # tied embeddings

    def forward(self, idx):
        B, T = idx.shape
        pos = torch.arange(T)[None].expand(B, T)
        cos, sin = rope_cos_sin(pos, self.c.head_dim, self.c.rope_theta)
        mask = torch.ones(T, T, dtype=torch.bool).tril()[None, None]
        x = self.emb(idx)
        for b in self.blocks:
            x, _ = b(x, cos, sin, mask)
        return self.logits(x)

    def forward_kv(self, input_ids, attention_mask, position_ids, past, logits_to_keep=None):
        """input_ids/position_ids: [1, n]; attention_mask: [1, P+n]; past: list of (k, v) [1, kvh, P, hd].
        Returns logits [1, n, V] (or [1, keep, V] for the last `logits_to_keep` positions)
        and presents [(k, v) [1, kvh, P+n, hd]]."""
        n = input_ids.shape[1]
        S = attention_mask.shape[1]
        qpos = torch.arange(n)[:, None] + (S - n)                     # [n, 1] absolute query slots
        causal = torch.arange(S)[None, :] <= qpos                     # [n, S]
        mask = causal[None, None] & attention_mask[:, None, None, :].bool()
        cos, sin = rope_cos_sin(position_ids, self.c.head_dim, self.c.rope_theta)
        x = self.emb(input_ids)
        presents = []
        for b, (pk, pv) in zip(self.blocks, past):
            x, pr = b(x, cos, sin, mask, pk, pv)
            presents.append(pr)
        # 2-D linear with a (zero) bias exports as one Gemm(transB=1) that reads the
        # embedding in place; x @ W.t() would constant-fold a transposed copy (+6 MB).
        h = self.ln_f(x)
        if logits_to_keep is not None:
            # Prefill needs only the last row: skipping the LM head elsewhere saves
            # n x d x V multiply-adds and an n x V copy out of onnxruntime.
            n_all = h.shape[1]
            h = h.index_select(1, torch.arange(n_all - logits_to_keep[0], n_all))
        zero = torch.zeros(self.c.vocab_size)
        logits = F.linear(h.reshape(-1, self.c.d_model), self.emb.weight, zero)
        return logits.reshape(1, -1, self.c.vocab_size), presents
