#!/usr/bin/env python3
"""How much PSNR a plain Gaussian blur of the bicubic upscale gains on an eval run: a yardstick for Gr.

    scripts/blur-oracle.py data/valset/HR runs/eval-valset141

reads RUN/bicubic/*.png and, when present, RUN/restore/*.png (written by `dadiff eval run`), blurs
each bicubic image with every sigma of SIGMAS and prints the mean PSNR against HR for each sigma, for
the best sigma per image (an oracle: it looks at HR), and for restore. Analysis only; needs numpy.
"""
import os
import struct
import sys
import zlib

import numpy as np

SIGMAS = [0, 0.5, 0.8, 1.2, 1.6, 2.2, 3]


def read_png(path):
    """8-bit, non-interlaced PNG (what `dadiff eval` writes) as float64 [h, w, 3]."""
    data = open(path, "rb").read()
    pos, idat = 8, b""
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    if depth != 8 or interlace != 0:
        sys.exit(f"{path}: only 8-bit non-interlaced PNGs are read here")
    ch = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw, stride = zlib.decompress(idat), w * ch
    out, prev, k = np.zeros((h, stride), np.int64), np.zeros(stride, np.int64), 0
    for y in range(h):
        f, line = raw[k], np.frombuffer(raw[k + 1:k + 1 + stride], np.uint8).astype(np.int64)
        k += 1 + stride
        if f == 0:
            cur = line
        elif f == 2:
            cur = (line + prev) & 255
        else:  # sub, average, paeth: sequential along the row
            cur = np.zeros(stride, np.int64)
            for x in range(stride):
                a = cur[x - ch] if x >= ch else 0
                c = prev[x - ch] if x >= ch else 0
                b = prev[x]
                if f == 1:
                    p = a
                elif f == 3:
                    p = (a + b) // 2
                else:
                    pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                    p = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                cur[x] = (line[x] + p) & 255
        out[y], prev = cur, cur
    img = out.reshape(h, w, ch)
    return (img[..., :3] if ch >= 3 else np.repeat(img[..., :1], 3, 2)).astype(np.float64)


def blur(img, sigma):
    if sigma == 0:
        return img
    r = int(3 * sigma) + 1
    k = np.exp(-np.arange(-r, r + 1) ** 2 / (2 * sigma * sigma))
    k /= k.sum()
    p = np.pad(img, ((r, r), (r, r), (0, 0)), mode="reflect")
    t = sum(k[i] * p[i:i + img.shape[0]] for i in range(len(k)))
    return sum(k[i] * t[:, i:i + img.shape[1]] for i in range(len(k)))


def psnr(x, hr):
    return 10 * np.log10(255 ** 2 / np.mean((np.clip(np.round(x), 0, 255) - hr) ** 2))


def main(hr_dir, run):
    names = sorted(n for n in os.listdir(os.path.join(run, "bicubic")) if n.endswith(".png"))
    restore = os.path.isdir(os.path.join(run, "restore"))
    rows = []
    for n in names:
        hr = read_png(os.path.join(hr_dir, n))
        bic = read_png(os.path.join(run, "bicubic", n))
        row = [psnr(blur(bic, s), hr) for s in SIGMAS]
        if restore:
            row.append(psnr(read_png(os.path.join(run, "restore", n)), hr))
        rows.append(row)
    rows = np.array(rows)
    print(f"{len(names)} images")
    for i, s in enumerate(SIGMAS):
        print(f"bicubic, blur sigma {s}: {rows[:, i].mean():.2f} dB")
    best = rows[:, :len(SIGMAS)].max(1)
    print(f"bicubic, best sigma per image (oracle): {best.mean():.2f} dB")
    if restore:
        print(f"restore: {rows[:, -1].mean():.2f} dB; restore minus oracle, median "
              f"{np.median(rows[:, -1] - best):+.2f} dB")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
