package org.dadiff4j.image;

import java.io.EOFException;
import java.io.IOException;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An image stream that throws {@link EOFException} where a read would pass the end of the file,
 * instead of returning -1, and an unchecked exception once a decoder has ignored that
 * {@link #EOF_TOLERANCE} times. The WebP lossless decoder catches the end of a file cut short and
 * reads on forever (found by the fuzzing campaign, docs/reliability.md); this stream stops it.
 */
final class StrictEndInput extends ImageInputStreamImpl {

    /** Reads past the end a decoder may survive; an honest one stops at the first. */
    static final int EOF_TOLERANCE = 64;

    private final ImageInputStream in;
    private int eofs;

    StrictEndInput(ImageInputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        bitOffset = 0;
        in.seek(streamPos);
        int b = in.read();
        if (b < 0) {
            throw pastEnd();
        }
        streamPos++;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        bitOffset = 0;
        in.seek(streamPos);
        int n = in.read(b, off, len);
        if (n < 0 && len > 0) {
            throw pastEnd();
        }
        if (n > 0) {
            streamPos += n;
        }
        return n;
    }

    private EOFException pastEnd() {
        EOFException e = new EOFException("the file ends before the decoder is done");
        if (++eofs > EOF_TOLERANCE) {
            throw new java.io.UncheckedIOException(e); // not caught by a decoder that swallows EOFException
        }
        return e;
    }

    @Override
    public long length() {
        try {
            return in.length();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        super.close();
        in.close();
    }
}
