package org.dadiff4j.image;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;

/**
 * Checks that a JPEG file reaches its end-of-image marker. The decoders accept a file cut short,
 * sometimes without even a warning (progressive files cut in a late scan), and return an image with
 * missing detail; like PIL, we refuse such files instead. Segments are skipped by their lengths
 * and entropy-coded data is scanned for the next marker, so an EXIF thumbnail's own end marker is
 * never mistaken for the end of the image.
 */
final class JpegStructure {

    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;

    private JpegStructure() {}

    static void requireComplete(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            if (in.read() != 0xFF || in.read() != 0xD8) {
                throw DadiffException.of(file, "corrupt jpeg file (no start-of-image marker)");
            }
            int marker = nextMarker(in);
            while (marker != EOI) {
                if (standalone(marker)) {
                    marker = nextMarker(in);
                    continue;
                }
                int len = (read(in) << 8 | read(in)) - 2;
                if (len < 0) {
                    throw DadiffException.of(file, "corrupt jpeg file (bad segment length)");
                }
                in.skipNBytes(len);
                marker = marker == SOS ? markerAfterScan(in) : nextMarker(in);
            }
        } catch (EOFException e) {
            throw DadiffException.of(file, "truncated jpeg file (it ends before the end-of-image marker)");
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot read: " + Problems.describe(e), e);
        }
    }

    /** RSTn, TEM: markers without a length field. */
    private static boolean standalone(int marker) {
        return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
    }

    private static int nextMarker(InputStream in) throws IOException {
        int b = read(in);
        while (b != 0xFF) { // tolerate junk between segments, as decoders do
            b = read(in);
        }
        while (b == 0xFF) { // fill bytes
            b = read(in);
        }
        return b;
    }

    /** Skips entropy-coded data: 0xFF 0x00 is a stuffed byte, 0xFF RSTn a restart; anything else a marker. */
    private static int markerAfterScan(InputStream in) throws IOException {
        while (true) {
            if (read(in) != 0xFF) {
                continue;
            }
            int b = read(in);
            while (b == 0xFF) {
                b = read(in);
            }
            if (b != 0x00 && !(b >= 0xD0 && b <= 0xD7)) {
                return b;
            }
        }
    }

    private static int read(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }
}
