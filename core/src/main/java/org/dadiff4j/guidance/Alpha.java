package org.dadiff4j.guidance;

/**
 * The guidance scalar alpha, in one unit for every learned guidance ({@code dadiff} and
 * {@code combine}): the paper's, where alpha multiplies the difference of two [0,1] images
 * (Eq. 11, alpha = 0.3). The sampler's estimate x0 is in [-1,1] units, where the same difference
 * is twice as large, so a consistent step adds {@link #signedUnitStep} = alpha/2 times the
 * [-1,1]-unit difference. With an exact pseudo-inverse, alpha = 2 is the DDNM projection.
 */
public final class Alpha {

    private Alpha() {}

    /** The factor of a [-1,1]-unit guidance difference for the paper's {@code alpha}. */
    public static float signedUnitStep(float alpha) {
        return alpha / 2f;
    }
}
