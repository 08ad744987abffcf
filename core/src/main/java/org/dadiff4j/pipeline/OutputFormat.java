package org.dadiff4j.pipeline;

import org.dadiff4j.DadiffException;
import org.dadiff4j.image.WriteOptions;

/**
 * The output options of an upscale ({@code --format}, {@code --bit-depth}, {@code --jpeg-quality}),
 * checked in one place for the command and the Spark job: the extension the outputs get and how
 * they are encoded.
 */
public final class OutputFormat {

    private final String extension;
    private final WriteOptions writeOptions;

    private OutputFormat(String extension, WriteOptions writeOptions) {
        this.extension = extension;
        this.writeOptions = writeOptions;
    }

    /**
     * @param format png, jpg (jpeg) or tif (tiff), any case; null keeps the input's format where it can be written
     * @param bitDepth PNG bit depth, 8 or 16; 0 keeps the input's
     * @param jpegQuality 1-100 ({@link Defaults#JPEG_QUALITY})
     * @throws DadiffException naming the option that is wrong
     */
    public static OutputFormat of(String format, int bitDepth, int jpegQuality) {
        String extension = null;
        if (format != null) {
            extension = OutputNames.extensionOfFormat(format);
            if (extension == null) {
                throw new DadiffException("--format must be png, jpg or tif, got " + format);
            }
        }
        if (bitDepth != 0 && bitDepth != 8 && bitDepth != 16) {
            throw new DadiffException("--bit-depth must be 8 or 16, got " + bitDepth);
        }
        if (bitDepth == 16 && "jpg".equals(extension)) {
            throw new DadiffException("--bit-depth 16 needs --format png or tif (JPEG holds 8 bits per sample)");
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new DadiffException("--jpeg-quality must be between 1 and 100, got " + jpegQuality);
        }
        WriteOptions w = WriteOptions.defaults().optJpegQuality(jpegQuality / 100f);
        return new OutputFormat(extension, bitDepth == 0 ? w : w.optBitDepth(bitDepth));
    }

    /** The outputs' extension (png, jpg or tif), or null for the input's. */
    public String extension() {
        return extension;
    }

    public WriteOptions writeOptions() {
        return writeOptions;
    }
}
