package org.dadiff4j.bench;

import java.util.Arrays;

/** Robust summaries of repeated measurements. */
public final class Stats {

    private Stats() {}

    /** The median (mean of the middle two for an even count); NaN for none. */
    public static double median(double... v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
