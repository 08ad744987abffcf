package org.dadiff4j.image;

import java.io.EOFException;
import java.io.IOException;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An image stream that throws {@link EOFException} where a read would pass the end of the file,
 * instead of returning -1. The WebP lossless decoder takes -1 for bits and loops forever on a file
 * cut short (found by the fuzzing campaign, docs/reliability.md); with this stream it stops.
 */
final class StrictEndInput extends ImageInputStreamImpl {

    private final ImageInputStream in;

    StrictEndInput(ImageInputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        bitOffset = 0;
        in.seek(streamPos);
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the file ends before the decoder is done");
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
            throw new EOFException("the file ends before the decoder is done");
        }
        if (n > 0) {
            streamPos += n;
        }
        return n;
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
