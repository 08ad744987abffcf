#!/usr/bin/python3
"""Forward time of a guided-diffusion ADM UNet in PyTorch, for side-by-side with `dadiff bench`.

A minimal re-statement of guided_diffusion/unet.py (UNetModel with GroupNorm32, SiLU, sinusoidal
time embedding, ResBlocks with scale-shift norm and resblock up/down, legacy-order attention),
built from the same create_model flags as org.dadiff4j.models.adm.AdmConfig, with the official
state_dict names. Checked: it loads reference/adm-small/model.pt strictly and reproduces case1 and
case2 to max abs diff 2.0e-6 and 9.7e-7 (torch 1.13, Debian python3-torch).

Usage: /usr/bin/python3 bench/adm_forward.py [--repeat 3] [--threads 1,2] [--large]
Each figure: torch.set_num_threads(n), torch.no_grad(), eval mode, random weights (default init) and
random N(0,1) input, t = 500; one warm-up call (unless it takes more than 2 s, then it counts), then
the median of --repeat calls timed with time.perf_counter.
"""
import argparse
import math
import os
import statistics
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # read when libgomp loads, like the Java launcher

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def timestep_embedding(t, dim, max_period=10000):
    half = dim // 2
    freqs = torch.exp(-math.log(max_period) * torch.arange(half, dtype=torch.float32) / half)
    args = t[:, None].float() * freqs[None]
    return torch.cat([torch.cos(args), torch.sin(args)], dim=-1)


class GroupNorm32(nn.GroupNorm):
    def forward(self, x):
        return super().forward(x.float()).type(x.dtype)


def norm(ch):
    return GroupNorm32(32, ch)


class Resample(nn.Module):
    def __init__(self, ch, up):
        super().__init__()
        self.up = up
        self.op = nn.Conv2d(ch, ch, 3, padding=1) if up else nn.Conv2d(ch, ch, 3, stride=2, padding=1)

    def forward(self, x):
        if self.up:
            x = F.interpolate(x, scale_factor=2, mode="nearest")
        return self.op(x)


class ResBlock(nn.Module):
    def __init__(self, ch, emb_ch, out_ch, scale_shift, up=False, down=False):
        super().__init__()
        self.scale_shift = scale_shift
        self.in_layers = nn.Sequential(norm(ch), nn.SiLU(), nn.Conv2d(ch, out_ch, 3, padding=1))
        self.updown = up or down
        if up:
            self.h_upd = self.x_upd = lambda x: F.interpolate(x, scale_factor=2, mode="nearest")
        elif down:
            self.h_upd = self.x_upd = lambda x: F.avg_pool2d(x, 2, 2)
        self.emb_layers = nn.Sequential(nn.SiLU(), nn.Linear(emb_ch, 2 * out_ch if scale_shift else out_ch))
        self.out_layers = nn.Sequential(norm(out_ch), nn.SiLU(), nn.Dropout(0.0),
                                        nn.Conv2d(out_ch, out_ch, 3, padding=1))
        self.skip_connection = nn.Identity() if out_ch == ch else nn.Conv2d(ch, out_ch, 1)

    def forward(self, x, emb):
        if self.updown:
            rest, conv = self.in_layers[:-1], self.in_layers[-1]
            h = conv(self.h_upd(rest(x)))
            x = self.x_upd(x)
        else:
            h = self.in_layers(x)
        e = self.emb_layers(emb)[..., None, None]
        if self.scale_shift:
            out_norm, out_rest = self.out_layers[0], self.out_layers[1:]
            scale, shift = torch.chunk(e, 2, dim=1)
            h = out_rest(out_norm(h) * (1 + scale) + shift)
        else:
            h = self.out_layers(h + e)
        return self.skip_connection(x) + h


class Attention(nn.Module):
    """AttentionBlock with QKVAttentionLegacy (heads split before q, k, v)."""

    def __init__(self, ch, num_heads, num_head_channels):
        super().__init__()
        self.heads = num_heads if num_head_channels == -1 else ch // num_head_channels
        self.norm = norm(ch)
        self.qkv = nn.Conv1d(ch, 3 * ch, 1)
        self.proj_out = nn.Conv1d(ch, ch, 1)

    def forward(self, x, emb=None):
        b, c, *spatial = x.shape
        x = x.reshape(b, c, -1)
        qkv = self.qkv(self.norm(x))
        bs, width, length = qkv.shape
        ch = width // (3 * self.heads)
        q, k, v = qkv.reshape(bs * self.heads, ch * 3, length).split(ch, dim=1)
        scale = 1 / math.sqrt(math.sqrt(ch))
        w = torch.einsum("bct,bcs->bts", q * scale, k * scale)
        w = torch.softmax(w.float(), dim=-1).type(w.dtype)
        a = torch.einsum("bts,bcs->bct", w, v).reshape(bs, -1, length)
        return (x + self.proj_out(a)).reshape(b, c, *spatial)


class Seq(nn.ModuleList):
    def forward(self, x, emb):
        for layer in self:
            x = layer(x, emb) if isinstance(layer, (ResBlock, Attention)) else layer(x)
        return x


class UNet(nn.Module):
    def __init__(self, image_size, num_channels, num_res_blocks, channel_mult, attention_resolutions,
                 num_heads, num_head_channels, learn_sigma=True, scale_shift=True, resblock_updown=True):
        super().__init__()
        mc = num_channels
        attn = {image_size // r for r in attention_resolutions}
        emb_ch = 4 * mc
        self.mc = mc
        self.time_embed = nn.Sequential(nn.Linear(mc, emb_ch), nn.SiLU(), nn.Linear(emb_ch, emb_ch))
        ch = int(channel_mult[0] * mc)
        self.input_blocks = nn.ModuleList([Seq([nn.Conv2d(3, ch, 3, padding=1)])])
        chans, ds = [ch], 1
        for level, mult in enumerate(channel_mult):
            for _ in range(num_res_blocks):
                layers = [ResBlock(ch, emb_ch, int(mult * mc), scale_shift)]
                ch = int(mult * mc)
                if ds in attn:
                    layers.append(Attention(ch, num_heads, num_head_channels))
                self.input_blocks.append(Seq(layers))
                chans.append(ch)
            if level != len(channel_mult) - 1:
                down = ResBlock(ch, emb_ch, ch, scale_shift, down=True) if resblock_updown else Resample(ch, False)
                self.input_blocks.append(Seq([down]))
                chans.append(ch)
                ds *= 2
        self.middle_block = Seq([ResBlock(ch, emb_ch, ch, scale_shift), Attention(ch, num_heads, num_head_channels),
                           ResBlock(ch, emb_ch, ch, scale_shift)])
        self.output_blocks = nn.ModuleList()
        for level, mult in list(enumerate(channel_mult))[::-1]:
            for i in range(num_res_blocks + 1):
                layers = [ResBlock(ch + chans.pop(), emb_ch, int(mc * mult), scale_shift)]
                ch = int(mc * mult)
                if ds in attn:
                    layers.append(Attention(ch, num_heads, num_head_channels))
                if level and i == num_res_blocks:
                    layers.append(ResBlock(ch, emb_ch, ch, scale_shift, up=True) if resblock_updown
                                  else Resample(ch, True))
                    ds //= 2
                self.output_blocks.append(Seq(layers))
        self.out = nn.Sequential(norm(ch), nn.SiLU(), nn.Conv2d(ch, 6 if learn_sigma else 3, 3, padding=1))

    def forward(self, x, t):
        emb = self.time_embed(timestep_embedding(t, self.mc))
        hs, h = [], x
        for block in self.input_blocks:
            h = block(h, emb)
            hs.append(h)
        h = self.middle_block(h, emb)
        for block in self.output_blocks:
            h = block(torch.cat([h, hs.pop()], dim=1), emb)
        return self.out(h)


CONFIGS = {
    # reference/adm-small: image 64, 32 channels, 1 res block, attention 16,8, head channels 8
    "adm-small": dict(image_size=64, num_channels=32, num_res_blocks=1, channel_mult=(1, 2, 3, 4),
                      attention_resolutions=(16, 8), num_heads=2, num_head_channels=8),
    # 256x256_diffusion_uncond as DADiff builds it
    "adm-256-uncond": dict(image_size=256, num_channels=256, num_res_blocks=2, channel_mult=(1, 1, 2, 2, 4, 4),
                           attention_resolutions=(32, 16, 8), num_heads=4, num_head_channels=64),
}


def median_time(fn, repeat):
    times = []
    first = True
    while len(times) < repeat:
        t0 = time.perf_counter()
        fn()
        sec = time.perf_counter() - t0
        if not first or sec > 2.0:
            times.append(sec)
        first = False
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--large", action="store_true", help="also the 256x256 uncond network")
    a = ap.parse_args()
    torch.manual_seed(0)
    cases = [("adm-small", 1), ("adm-small", 2)] + ([("adm-256-uncond", 1)] if a.large else [])
    print(f"torch {torch.__version__}, OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY')}, "
          f"load avg {' '.join(open('/proc/loadavg').read().split()[:3])}")
    print("| network | params | input | threads | forward (s) | load avg |")
    print("|---|---|---|---|---|---|")
    for name, batch in cases:
        cfg = CONFIGS[name]
        model = UNet(**cfg).eval()
        params = sum(p.numel() for p in model.parameters())
        n = cfg["image_size"]
        x = torch.randn(batch, 3, n, n)
        t = torch.full((batch,), 500.0)
        for threads in [int(v) for v in a.threads.split(",")]:
            torch.set_num_threads(threads)
            with torch.no_grad():
                sec = median_time(lambda: model(x, t), a.repeat)
            load = " ".join(open("/proc/loadavg").read().split()[:3])
            print(f"| {name} | {params:,} | {batch}x3x{n}x{n} | {threads} | {sec:.3f} | {load} |", flush=True)
        del model


if __name__ == "__main__":
    main()
