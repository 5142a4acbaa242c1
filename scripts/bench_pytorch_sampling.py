#!/usr/bin/env python3
"""The reference for `gcpo-bench model`'s RL-batch sampling line: the same policy written in plain
PyTorch with a KV cache (pre-LayerNorm GPT, learned positions, tied output head, GELU MLP),
sampling B x G rows at temperature 1 from left-padded prompts, and reporting tokens/s.

Run only by scripts/bench.sh (never by tests), on Debian's python3-torch, which is built on the
same libtorch as the workbench, so the two lines compare the code, not the library.
Legend: R = rows (B * G), P = prompt width, S = cache slots, C = d_model, H = heads, D = head size.
"""
import argparse
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, c, h, ratio):
        super().__init__()
        self.h = h
        self.ln1 = nn.LayerNorm(c)
        self.qkv = nn.Linear(c, 3 * c)
        self.proj = nn.Linear(c, c)
        self.ln2 = nn.LayerNorm(c)
        self.fc = nn.Linear(c, ratio * c)
        self.out = nn.Linear(ratio * c, c)

    def forward(self, x, k_cache, v_cache, start, allowed):
        # x (R, T, C); k_cache/v_cache (R, H, S, D); allowed (R, 1, T, start + T) bool
        r, t, c = x.shape
        d = c // self.h
        q, k, v = self.qkv(self.ln1(x)).view(r, t, 3, self.h, d).permute(2, 0, 3, 1, 4)  # (R, H, T, D) each
        k_cache[:, :, start:start + t] = k
        v_cache[:, :, start:start + t] = v
        k = k_cache[:, :, :start + t]  # (R, H, K, D)
        v = v_cache[:, :, :start + t]
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(d))  # (R, H, T, K)
        att = att.masked_fill(~allowed, float("-inf")).softmax(-1)
        y = (att @ v).transpose(1, 2).reshape(r, t, c)  # (R, T, C)
        x = x + self.proj(y)
        return x + self.out(F.gelu(self.fc(self.ln2(x))))


class Gpt(nn.Module):
    def __init__(self, vocab, layers, c, h, context, ratio=4):
        super().__init__()
        self.h, self.c = h, c
        self.wte = nn.Embedding(vocab, c)
        self.wpe = nn.Embedding(context, c)
        self.blocks = nn.ModuleList(Block(c, h, ratio) for _ in range(layers))
        self.ln_f = nn.LayerNorm(c)
        for p in self.parameters():
            nn.init.normal_(p, 0.0, 0.02)

    def forward(self, tokens, positions, caches, start, allowed):
        x = self.wte(tokens) + self.wpe(positions)  # (R, T, C)
        for block, (kc, vc) in zip(self.blocks, caches):
            x = block(x, kc, vc, start, allowed)
        return self.ln_f(x) @ self.wte.weight.t()  # (R, T, V)


@torch.inference_mode()
def sample(model, prompts, group, new_tokens, generator):
    rows = len(prompts) * group
    width = max(len(p) for p in prompts)
    slots = width + new_tokens
    seq = torch.zeros(rows, width, dtype=torch.long)  # (R, P) left-padded
    valid = torch.zeros(rows, slots, dtype=torch.bool)  # (R, S)
    for b, p in enumerate(prompts):
        for g in range(group):
            seq[b * group + g, width - len(p):] = torch.tensor(p)
            valid[b * group + g, width - len(p):width] = True
    d = model.c // model.h
    caches = [(torch.zeros(rows, model.h, slots, d), torch.zeros(rows, model.h, slots, d)) for _ in model.blocks]
    positions = (valid[:, :width].long().cumsum(1) - 1).clamp_min(0)  # (R, P)
    slot = torch.arange(slots)
    causal = slot[None, :width] <= slot[:width, None]  # (P, P)
    allowed = (causal[None] & valid[:, None, :width]) | torch.eye(width, dtype=torch.bool)[None]
    logits = model(seq, positions, caches, 0, allowed[:, None])[:, -1]  # (R, V)
    next_pos = valid[:, :width].sum(1)  # (R)
    out = torch.empty(rows, new_tokens, dtype=torch.long)
    logprobs = torch.empty(rows, new_tokens)
    for n in range(new_tokens):
        logp = logits.log_softmax(-1)  # (R, V)
        token = torch.multinomial(logp.exp(), 1, generator=generator)  # (R, 1)
        out[:, n] = token[:, 0]
        logprobs[:, n] = logp.gather(1, token)[:, 0]
        valid[:, width + n] = True
        allowed = valid[:, None, None, :width + n + 1]  # (R, 1, 1, K)
        logits = model(token, next_pos[:, None], caches, width + n, allowed)[:, 0]
        next_pos = next_pos + 1
    return out, logprobs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=0, help="intra-op threads (0 = torch's default)")
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--d-model", type=int, default=256)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--prompts", type=int, default=8, help="B")
    ap.add_argument("--group", type=int, default=16, help="G")
    ap.add_argument("--new-tokens", type=int, default=128)
    ap.add_argument("--seconds", type=float, default=1.0, help="minimum seconds timed")
    a = ap.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    torch.manual_seed(3)
    context = max(128, 32 + a.new_tokens)
    model = Gpt(99, a.layers, a.d_model, a.heads, context).eval()
    # the same prompt shapes as gcpo-bench model: BOS + 20..23 tokens
    prompts = [[1] + [4 + (b * 7 + t * 13) % 95 for t in range(20 + b % 4)] for b in range(a.prompts)]
    gen = torch.Generator().manual_seed(4)
    sample(model, prompts, a.group, a.new_tokens, gen)  # warm-up
    reps, t0 = 0, time.perf_counter()
    while True:
        sample(model, prompts, a.group, a.new_tokens, gen)
        reps += 1
        elapsed = time.perf_counter() - t0
        if elapsed >= a.seconds:
            break
    rows = a.prompts * a.group
    print("pytorch sampling, RL batch %10.0f tokens/s  B x G = %d x %d = %d sequences, %d new tokens, %.3f s "
          "(torch %s, %d threads, plain PyTorch with a KV cache)"
          % (rows * a.new_tokens * reps / elapsed, a.prompts, a.group, rows, a.new_tokens, elapsed / reps,
             torch.__version__, torch.get_num_threads()))


if __name__ == "__main__":
    main()
