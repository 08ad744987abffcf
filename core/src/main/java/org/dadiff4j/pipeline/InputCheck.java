package org.dadiff4j.pipeline;

import org.dadiff4j.DadiffException;
import org.dadiff4j.image.ImageLimits;
import org.dadiff4j.image.Picture;

/** The size checks of an input before it is upscaled, shared by the batch runner and the library facade. */
public final class InputCheck {

    private InputCheck() {}

    /**
     * @param name the input's file name, for the message
     * @throws DadiffException "name: problem" where the input is too small or its output too large
     */
    public static void check(String name, Picture lr, int scale) {
        if (lr.width() < Defaults.MIN_SIDE || lr.height() < Defaults.MIN_SIDE) {
            throw new DadiffException(name + ": image is too small (" + lr.width() + "x" + lr.height()
                    + "; at least " + Defaults.MIN_SIDE + " px per side)");
        }
        ImageLimits.check(java.nio.file.Path.of(name), (long) lr.width() * scale, (long) lr.height() * scale);
    }
}
