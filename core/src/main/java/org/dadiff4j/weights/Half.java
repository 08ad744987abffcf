package org.dadiff4j.weights;

/**
 * IEEE half (fp16) and bfloat16 conversions done on bits, because Java 17 has no
 * {@code Float.float16ToFloat} and a BFLOAT16 NDArray crashes the PyTorch engine.
 */
public final class Half {

    private Half() {}

    /** The float32 value of fp16 bits (exact). */
    public static float toFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0) {
            float f = mant * 0x1p-24f; // subnormal (or zero): exact in float32
            return Float.intBitsToFloat(Float.floatToRawIntBits(f) | sign);
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** fp16 bits of a float32, rounded to nearest, ties to even (like PyTorch's {@code .half()}). */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7fffffff;
        if (abs >= 0x7f800000) { // inf, or NaN kept quiet with its top payload bits
            return (short) (sign | 0x7c00 | (abs > 0x7f800000 ? 0x200 | ((abs >>> 13) & 0x3ff) : 0));
        }
        if (abs >= 0x477ff000) { // 65520 and above round to infinity
            return (short) (sign | 0x7c00);
        }
        if (abs >= 0x38800000) { // normal fp16: rebias the exponent, round away 13 mantissa bits
            int r = abs - 0x38000000;
            r += 0xfff + ((r >>> 13) & 1);
            return (short) (sign | (r >>> 13));
        }
        // Subnormal: scaling by 2^24 is exact, rint rounds ties to even; 0x400 becomes the smallest normal.
        int m = (int) Math.rint(Float.intBitsToFloat(abs) * 0x1p24f);
        return (short) (sign | m);
    }

    /** The float32 value of bfloat16 bits (exact: bf16 is the top half of a float32). */
    public static float bf16ToFloat(short bf16) {
        return Float.intBitsToFloat((bf16 & 0xffff) << 16);
    }
}
