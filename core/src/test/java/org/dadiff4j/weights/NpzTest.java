package org.dadiff4j.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dadiff4j.DadiffException;
import org.dadiff4j.testutil.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {

    @TempDir
    Path tmp;

    @Test
    void readsNiqePristineParameters() {
        Map<String, Npy.Array> npz = Npz.read(SharedData.require("metrics/niqe_pris_params.npz"));
        assertEquals(List.of("mu_pris_param", "cov_pris_param", "gaussian_window"), List.copyOf(npz.keySet()));
        assertArrayEquals(new long[] {1, 36}, npz.get("mu_pris_param").shape);
        assertArrayEquals(new long[] {36, 36}, npz.get("cov_pris_param").shape);
        assertArrayEquals(new long[] {7, 7}, npz.get("gaussian_window").shape);
        npz.values().forEach(a -> assertEquals("f8", a.dtype));
        double sum = 0;
        for (double v : npz.get("gaussian_window").toDoubles()) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-12);
        double[] cov = npz.get("cov_pris_param").toDoubles();
        for (int i = 0; i < 36; i++) {
            assertTrue(cov[i * 36 + i] > 0, "variance " + i);
            for (int j = 0; j < 36; j++) {
                assertEquals(cov[i * 36 + j], cov[j * 36 + i], 1e-12 * Math.abs(cov[i * 36 + j]));
            }
        }
    }

    @Test
    void niqeValuesAreInCOrder() {
        // exported from MATLAB in Fortran order; values checked with numpy
        Map<String, Npy.Array> npz = Npz.read(SharedData.require("metrics/niqe_pris_params.npz"));
        double[] cov = npz.get("cov_pris_param").toDoubles();
        assertEquals(0.45347810202943506, cov[0]);
        assertEquals(0.096101104144407, cov[1]);
        assertEquals(0.00614234154454493, cov[35 * 36 + 34]);
        double[] mu = npz.get("mu_pris_param").toDoubles();
        assertEquals(2.6013136801541448, mu[0]);
        assertEquals(0.18677777557293712, mu[35]);
        double[] g = npz.get("gaussian_window").toDoubles();
        assertEquals(0.11739635539001349, g[3 * 7 + 3]);
        assertEquals(0.0009900950389243662, g[1]);
    }

    /**
     * The NIQE matrices above are symmetric (and its window too), so they cannot tell Fortran order
     * from C order. These members can: a[i][j] = 10 i + j and b[i][j][k] = 100 i + 10 j + k,
     * stored column-major in a deflated archive, as numpy writes {@code np.asfortranarray} arrays.
     */
    @Test
    void asymmetricFortranOrderMembersAreReadInCOrder() throws IOException {
        double[] aFortran = new double[12];
        double[] want = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                aFortran[j * 3 + i] = 10 * i + j;
                want[i * 4 + j] = 10 * i + j;
            }
        }
        double[] bFortran = new double[12];
        double[] wantB = new double[12];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 2; k++) {
                    bFortran[(k * 3 + j) * 2 + i] = 100 * i + 10 * j + k;
                    wantB[(i * 3 + j) * 2 + k] = 100 * i + 10 * j + k;
                }
            }
        }
        Path f = tmp.resolve("asym.npz");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(f))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("a.npy"));
            zip.write(npyF8(aFortran, "(3, 4)"));
            zip.putNextEntry(new java.util.zip.ZipEntry("b.npy"));
            zip.write(npyF8(bFortran, "(2, 3, 2)"));
        }
        for (Map<String, Npy.Array> npz : List.of(Npz.read(f), Npz.read(Files.newInputStream(f), "asym.npz"))) {
            assertArrayEquals(new long[] {3, 4}, npz.get("a").shape);
            assertArrayEquals(want, npz.get("a").toDoubles());
            assertArrayEquals(new long[] {2, 3, 2}, npz.get("b").shape);
            assertArrayEquals(wantB, npz.get("b").toDoubles());
        }
    }

    private static byte[] npyF8(double[] values, String shape) {
        String dict = "{'descr': '<f8', 'fortran_order': True, 'shape': " + shape + ", }";
        String header = dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n";
        ByteBuffer b = TorchFiles.le(128 + 8 * values.length)
                .put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0})
                .putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        b.asDoubleBuffer().put(values);
        return b.array();
    }

    @Test
    void fortranOrderIsReorderedAndWritesRoundTrip() throws IOException {
        // [[1, 2, 3], [4, 5, 6]] stored column by column
        String dict = "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }";
        String header = dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n";
        ByteBuffer b = TorchFiles.le(128 + 24).put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0})
                .putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        b.asFloatBuffer().put(new float[] {1, 4, 2, 5, 3, 6});
        Path f = Files.write(tmp.resolve("f.npy"), b.array());
        Npy.Array a = Npy.read(f);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.toFloats());

        Path c = tmp.resolve("c.npy");
        Npy.write(c, a.toFloats(), 2, 3);
        assertEquals(0, (Files.size(c) - 24) % 64);
        Npy.Array back = Npy.read(c);
        assertArrayEquals(new long[] {2, 3}, back.shape);
        assertArrayEquals(a.toFloats(), back.toFloats());
        Npy.write(c, new float[] {7}, 1);
        assertArrayEquals(new long[] {1}, Npy.read(c).shape);
        Npy.write(c, new float[] {8});
        assertArrayEquals(new long[] {}, Npy.read(c).shape);
        assertArrayEquals(new float[] {8}, Npy.read(c).toFloats());
    }

    @Test
    void notAZipIsAOneLineError() throws IOException {
        Path f = Files.writeString(tmp.resolve("x.npz"), "nope");
        DadiffException e = assertThrows(DadiffException.class, () -> Npz.read(f));
        assertTrue(e.getMessage().startsWith(f + ": not a valid .npz"), e.getMessage());
    }
}
