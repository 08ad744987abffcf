package org.dadiff4j.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutates a real file the way a corrupt download or an attacker would: bit flips, truncation,
 * chunk reordering, length fields set to extremes, numbers in text set to extremes, and inserted,
 * deleted or repeated bytes. Length fields are found by format (PNG chunks, JPEG segments, zip
 * headers, BMP, RIFF, TIFF, safetensors and npy headers), else at aligned offsets of the head.
 * One {@code long} decides every choice, so a case is reproduced from its seed.
 */
public final class Mutator {

    /** A length or size field: where, how wide, and its byte order. */
    record Field(int pos, int width, boolean bigEndian) {}

    private static final String[] TEXT_NUMBERS = {"0", "-1", "1", "4294967296", "2147483648", "9223372036854775807",
        "99999999999999999999999", "-9223372036854775808", "1e308", "NaN", "65536", "3.5"};
    private static final Pattern DIGITS = Pattern.compile("-?\\d+");

    private Mutator() {}

    /** 1 to 3 mutations of {@code seed} chosen by {@code choice}; {@code log} (may be null) says which. */
    public static byte[] mutate(byte[] seed, long choice, StringBuilder log) {
        Random r = new Random(choice);
        byte[] d = seed.clone();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n && d.length > 0; i++) {
            int kind = r.nextInt(7);
            String what;
            switch (kind) {
                case 0: what = flipBits(d, r); break;
                case 1: { int at = r.nextInt(d.length + 1); d = Arrays.copyOf(d, at); what = "truncate at " + at; break; }
                case 2: { String[] w = new String[1]; d = reorder(d, r, w); what = w[0]; break; }
                case 3:
                case 4: what = extremeField(d, r); break;
                case 5: { String[] w = new String[1]; d = textNumber(d, r, w); what = w[0]; break; }
                default: { String[] w = new String[1]; d = splice(d, r, w); what = w[0]; break; }
            }
            if (log != null) {
                log.append(log.length() == 0 ? "" : "; ").append(what);
            }
        }
        return d;
    }

    private static String flipBits(byte[] d, Random r) {
        int flips = 1 + r.nextInt(8);
        StringBuilder sb = new StringBuilder("flip");
        for (int i = 0; i < flips; i++) {
            int at = r.nextInt(d.length);
            int bit = r.nextInt(8);
            d[at] ^= (byte) (1 << bit);
            sb.append(' ').append(at).append('.').append(bit);
        }
        return sb.toString();
    }

    private static String extremeField(byte[] d, Random r) {
        List<Field> fields = fields(d);
        Field f = fields.isEmpty() || r.nextInt(5) == 0 ? generic(d, r) : fields.get(r.nextInt(fields.size()));
        if (f == null || f.pos + f.width > d.length) {
            return "no field";
        }
        long old = read(d, f);
        long max = f.width == 8 ? Long.MAX_VALUE : (1L << (8 * f.width - 1)) - 1;
        long[] choices = {0, 1, max, -1, max + 1, old + 1, old - 1, old * 2, old / 2, 1L << 31, 1L << 32, 7};
        long v = choices[r.nextInt(choices.length)];
        write(d, f, v);
        return "field@" + f.pos + "/" + f.width + (f.bigEndian ? "BE" : "LE") + " " + old + "->" + v;
    }

    private static Field generic(byte[] d, Random r) {
        int span = Math.min(d.length, 512) - 4;
        if (span <= 0) {
            return null;
        }
        return new Field(r.nextInt(span / 4 + 1) * 4, r.nextBoolean() ? 4 : 2, r.nextBoolean());
    }

    private static long read(byte[] d, Field f) {
        long v = 0;
        for (int i = 0; i < f.width; i++) {
            int b = d[f.pos + (f.bigEndian ? i : f.width - 1 - i)] & 0xff;
            v = v << 8 | b;
        }
        return v;
    }

    private static void write(byte[] d, Field f, long v) {
        for (int i = 0; i < f.width; i++) {
            d[f.pos + (f.bigEndian ? f.width - 1 - i : i)] = (byte) (v >>> (8 * i));
        }
    }

    /** Swaps two PNG chunks or JPEG segments where the file has them, else two blocks of bytes. */
    private static byte[] reorder(byte[] d, Random r, String[] what) {
        List<int[]> parts = isPng(d) ? pngChunks(d) : isJpeg(d) ? jpegSegments(d) : List.of();
        if (parts.size() >= 2) {
            int a = r.nextInt(parts.size());
            int b = r.nextInt(parts.size());
            if (a != b) {
                int[] x = parts.get(Math.min(a, b));
                int[] y = parts.get(Math.max(a, b));
                what[0] = "swap chunks @" + x[0] + " and @" + y[0];
                return swap(d, x[0], x[1], y[0], y[1]);
            }
        }
        int len = 1 + r.nextInt(Math.max(1, Math.min(256, d.length / 4)));
        if (2 * len > d.length) {
            what[0] = "no reorder";
            return d;
        }
        int a = r.nextInt(d.length - 2 * len + 1);
        int b = a + len + r.nextInt(d.length - a - 2 * len + 1);
        what[0] = "swap blocks @" + a + " and @" + b + " of " + len;
        return swap(d, a, len, b, len);
    }

    /** {@code d} with [a, a+la) and [b, b+lb) exchanged (a + la <= b). */
    private static byte[] swap(byte[] d, int a, int la, int b, int lb) {
        byte[] out = new byte[d.length];
        int o = 0;
        System.arraycopy(d, 0, out, o, a);
        o += a;
        System.arraycopy(d, b, out, o, lb);
        o += lb;
        System.arraycopy(d, a + la, out, o, b - a - la);
        o += b - a - la;
        System.arraycopy(d, a, out, o, la);
        o += la;
        System.arraycopy(d, b + lb, out, o, d.length - b - lb);
        return out;
    }

    private static byte[] textNumber(byte[] d, Random r, String[] what) {
        String s = new String(d, StandardCharsets.ISO_8859_1);
        Matcher m = DIGITS.matcher(s);
        List<int[]> runs = new ArrayList<>();
        while (m.find() && runs.size() < 4096) {
            runs.add(new int[] {m.start(), m.end()});
        }
        if (runs.isEmpty()) {
            what[0] = "no number";
            return d;
        }
        int[] run = runs.get(r.nextInt(runs.size()));
        String v = TEXT_NUMBERS[r.nextInt(TEXT_NUMBERS.length)];
        what[0] = "number @" + run[0] + " " + s.substring(run[0], run[1]) + "->" + v;
        return (s.substring(0, run[0]) + v + s.substring(run[1])).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] splice(byte[] d, Random r, String[] what) {
        int at = r.nextInt(d.length + 1);
        int len = 1 + r.nextInt(16);
        switch (r.nextInt(3)) {
            case 0: {
                byte[] extra = new byte[len];
                r.nextBytes(extra);
                what[0] = "insert " + len + " @" + at;
                return concat(Arrays.copyOf(d, at), extra, Arrays.copyOfRange(d, at, d.length));
            }
            case 1: {
                int end = Math.min(d.length, at + len);
                what[0] = "delete " + (end - at) + " @" + at;
                return concat(Arrays.copyOf(d, at), Arrays.copyOfRange(d, end, d.length));
            }
            default: {
                int end = Math.min(d.length, at + 64 * len);
                byte[] block = Arrays.copyOfRange(d, at, end);
                what[0] = "repeat " + block.length + " @" + at;
                return concat(Arrays.copyOf(d, end), block, block, Arrays.copyOfRange(d, end, d.length));
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    // ---- where the length fields are

    static List<Field> fields(byte[] d) {
        List<Field> f = new ArrayList<>();
        if (isPng(d)) {
            f.add(new Field(16, 4, true));
            f.add(new Field(20, 4, true));
            for (int[] c : pngChunks(d)) {
                f.add(new Field(c[0], 4, true));
            }
        }
        if (isJpeg(d)) {
            for (int[] s : jpegSegments(d)) {
                f.add(new Field(s[0] + 2, 2, true));
                int marker = d[s[0] + 1] & 0xff;
                if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc
                        && s[0] + 9 <= d.length) {
                    f.add(new Field(s[0] + 5, 2, true));
                    f.add(new Field(s[0] + 7, 2, true));
                }
            }
        }
        if (d.length > 54 && d[0] == 'B' && d[1] == 'M') {
            for (int p : new int[] {2, 10, 14, 18, 22, 30, 34, 46}) {
                f.add(new Field(p, 4, false));
            }
            f.add(new Field(28, 2, false));
        }
        if (d.length > 12 && d[0] == 'R' && d[1] == 'I' && d[2] == 'F' && d[3] == 'F') {
            f.add(new Field(4, 4, false));
            for (int p = 12; p + 8 <= d.length; ) {
                f.add(new Field(p + 4, 4, false));
                long size = read(d, new Field(p + 4, 4, false));
                if (size < 0 || size > d.length) {
                    break;
                }
                p += 8 + (int) size + (int) (size & 1);
            }
        }
        if (d.length > 8 && (d[0] == 'I' && d[1] == 'I' && d[2] == 42 || d[0] == 'M' && d[1] == 'M' && d[3] == 42)) {
            tiffFields(d, d[0] == 'M', f);
        }
        zipFields(d, f);
        if (d.length > 8 && d[8] == '{') {
            f.add(new Field(0, 8, false)); // safetensors header length
        }
        if (d.length > 10 && (d[0] & 0xff) == 0x93 && d[1] == 'N') {
            f.add(new Field(8, d[6] == 1 ? 2 : 4, false)); // npy header length
        }
        return f;
    }

    private static void tiffFields(byte[] d, boolean be, List<Field> f) {
        Field first = new Field(4, 4, be);
        f.add(first);
        long ifd = read(d, first);
        if (ifd <= 0 || ifd + 2 > d.length) {
            return;
        }
        Field count = new Field((int) ifd, 2, be);
        f.add(count);
        long n = read(d, count);
        for (int i = 0; i < n && ifd + 2 + 12 * (i + 1) <= d.length; i++) {
            int e = (int) ifd + 2 + 12 * i;
            f.add(new Field(e + 4, 4, be));
            f.add(new Field(e + 8, 4, be));
        }
    }

    private static void zipFields(byte[] d, List<Field> f) {
        for (int p = 0; p + 46 <= d.length; p++) {
            if (d[p] != 'P' || d[p + 1] != 'K') {
                continue;
            }
            if (d[p + 2] == 3 && d[p + 3] == 4) {
                for (int o : new int[] {18, 22}) {
                    f.add(new Field(p + o, 4, false));
                }
                f.add(new Field(p + 26, 2, false));
                f.add(new Field(p + 28, 2, false));
            } else if (d[p + 2] == 1 && d[p + 3] == 2) {
                for (int o : new int[] {20, 24, 42}) {
                    f.add(new Field(p + o, 4, false));
                }
                for (int o : new int[] {28, 30, 32}) {
                    f.add(new Field(p + o, 2, false));
                }
            } else if (d[p + 2] == 5 && d[p + 3] == 6) {
                f.add(new Field(p + 8, 2, false));
                f.add(new Field(p + 10, 2, false));
                f.add(new Field(p + 12, 4, false));
                f.add(new Field(p + 16, 4, false));
            }
        }
    }

    private static boolean isPng(byte[] d) {
        return d.length > 8 && (d[0] & 0xff) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G';
    }

    private static boolean isJpeg(byte[] d) {
        return d.length > 4 && (d[0] & 0xff) == 0xff && (d[1] & 0xff) == 0xd8;
    }

    /** [start, length] of each chunk after the signature. */
    private static List<int[]> pngChunks(byte[] d) {
        List<int[]> out = new ArrayList<>();
        for (int p = 8; p + 12 <= d.length; ) {
            long len = read(d, new Field(p, 4, true));
            if (len < 0 || p + 12 + len > d.length) {
                break;
            }
            out.add(new int[] {p, 12 + (int) len});
            p += 12 + (int) len;
        }
        return out;
    }

    /** [start, length] of each marker segment with a length, up to the scan. */
    private static List<int[]> jpegSegments(byte[] d) {
        List<int[]> out = new ArrayList<>();
        for (int p = 2; p + 4 <= d.length && (d[p] & 0xff) == 0xff; ) {
            int marker = d[p + 1] & 0xff;
            int len = ((d[p + 2] & 0xff) << 8) | (d[p + 3] & 0xff);
            if (len < 2 || p + 2 + len > d.length) {
                break;
            }
            out.add(new int[] {p, 2 + len});
            if (marker == 0xda) {
                break;
            }
            p += 2 + len;
        }
        return out;
    }
}
