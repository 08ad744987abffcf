package org.dadiff4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dadiff4j.DadiffException;
import org.dadiff4j.degrade.Jpeg;
import org.dadiff4j.degrade.Planes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdjTest {

    @Test
    void picksTheLargestEmbeddedJpeg(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {'E', 'e', 't', 0, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3}); // false marker
        b.write(Jpeg.encode(flat(40, 30, 0.2f), 90));
        b.write(new byte[] {9, 9, 9});
        b.write(Jpeg.encode(flat(120, 70, 0.8f), 90));
        b.write(Jpeg.encode(flat(60, 50, 0.5f), 90));
        Path f = dir.resolve("x.edj");
        Files.write(f, b.toByteArray());
        Planes img = PhotoFiles.read(f);
        assertEquals(120, img.width);
        assertEquals(70, img.height);
        assertEquals(0.8f, img.c[1][100], 0.01f);
    }

    @Test
    void archiveWithoutJpegIsAUserError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("empty.edj");
        Files.write(f, new byte[] {1, 2, 3, (byte) 0xFF, (byte) 0xD8});
        DadiffException e = assertThrows(DadiffException.class, () -> PhotoFiles.read(f));
        assertEquals(true, e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void mountainFromEnlightenmentData() {
        Path f = CorpusData.require("train/enlightenment-data/usr/share/enlightenment/data/backgrounds/Mountain.edj");
        Planes img = PhotoFiles.read(f);
        assertEquals(3840, img.width);
        assertEquals(2160, img.height);
    }

    private static Planes flat(int w, int h, float v) {
        Planes p = Planes.zeros(w, h, 3);
        for (float[] c : p.c) {
            java.util.Arrays.fill(c, v);
        }
        return p;
    }
}
