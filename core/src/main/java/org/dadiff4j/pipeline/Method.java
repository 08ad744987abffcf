package org.dadiff4j.pipeline;

import java.util.Locale;
import org.dadiff4j.DadiffException;

/** The restoration methods of the paper's tables, selectable with {@code --method}. */
public enum Method {
    /** DADiff: learned degradation-aware guidance (paper Sec. 4). */
    DADIFF,
    /** DDNM baseline: A = average pooling, A-dagger = patch upsampling (paper Eq. 7). */
    DDNM,
    /** The restoration network Gr alone (the paper's MsdiNet column). */
    RESTORE,
    /** PIL-style bicubic interpolation. */
    BICUBIC,
    /** Ablation: A from the kernel estimator, A-dagger applied exactly. */
    EXPLICIT,
    /** Ablation: explicit A with the learned A-dagger. */
    COMBINE;

    /** The lower-case name used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a command-line name. */
    public static Method parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // the value may come from an HTTP form: a few hundred bytes of it make no better message
            String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
            throw new DadiffException("unknown method '" + shown + "' (choose dadiff, ddnm, restore, bicubic, explicit"
                    + " or combine)");
        }
    }

    /** Whether the method runs a diffusion prior. */
    public boolean usesPrior() {
        return this == DADIFF || this == DDNM || this == EXPLICIT || this == COMBINE;
    }
}
