package org.dadiff4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import org.dadiff4j.testutil.SharedData;
import org.dadiff4j.weights.Npy;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.junit.jupiter.api.Test;

/** Parity with pytorch-fid's statistics and calculate_frechet_distance (shared/reference/metrics/fid). */
class FrechetDistanceTest {

    private static final String DIR = "reference/metrics/fid/";

    private static float[][] rows(String file) {
        Npy.Array a = Npy.read(SharedData.require(DIR + file));
        int n = (int) a.shape[0];
        int d = (int) a.shape[1];
        float[] flat = a.toFloats();
        float[][] out = new float[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * d, out[i], 0, d);
        }
        return out;
    }

    private static JsonObject reference(String key) throws IOException {
        String json = Files.readString(SharedData.require(DIR + "fid_results.json"));
        return JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("frechet").getAsJsonObject(key);
    }

    private static void checkTerms(JsonObject ref, FrechetDistance.Result r, double tol) {
        // NumPy's float32 dot is OpenBLAS sdot, whose summation order depends on the CPU kernel; we
        // round the exact sum once, which can differ from it by one float32 ulp (case C).
        float dot = ref.get("diff_dot_diff").getAsFloat();
        assertEquals(dot, r.meanTerm(), Math.ulp(dot));
        assertEquals(ref.get("trace_sigma1").getAsDouble(), r.trace1(), 1e-9);
        assertEquals(ref.get("trace_sigma2").getAsDouble(), r.trace2(), 1e-9);
        assertEquals(ref.get("trace_covmean_scipy").getAsDouble(), r.traceCovmean(), tol / 2);
        assertEquals(ref.get("fid").getAsDouble(), r.value(), tol);
    }

    @Test
    void rankDeficient8x2048() throws IOException {
        FrechetDistance.Result r = FrechetDistance.compute(rows("fd_A_8x2048_act1.npy"), rows("fd_A_8x2048_act2.npy"));
        JsonObject ref = reference("A_8x2048");
        System.out.printf("FD A: %.10f (scipy %.10f), tr covmean %.15f%n", r.value(), ref.get("fid").getAsDouble(),
                r.traceCovmean());
        checkTerms(ref, r, 1e-4);
        // Σ of the singular values of X1c·X2cᵀ/7 in 40-digit arithmetic (mpmath) from the same
        // activations; SciPy's sqrtm is 2.5e-5 above it (round-off eigenvalues of the null space).
        assertEquals(6.359553994263701, r.traceCovmean(), 1e-12);
    }

    @Test
    void fullRank64x16TestsTheSquareRoot() throws IOException {
        float[][] a1 = rows("fd_B_64x16_act1.npy");
        float[][] a2 = rows("fd_B_64x16_act2.npy");
        FrechetDistance.Stats s1 = FrechetDistance.Stats.of(a1);
        FrechetDistance.Stats s2 = FrechetDistance.Stats.of(a2);
        assertArrayEquals(Npy.read(SharedData.require(DIR + "fd_B_64x16_mu1.npy")).toFloats(), s1.mu());
        assertArrayEquals(Npy.read(SharedData.require(DIR + "fd_B_64x16_mu2.npy")).toFloats(), s2.mu());
        double[] sigma1 = Npy.read(SharedData.require(DIR + "fd_B_64x16_sigma1.npy")).toDoubles();
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 16; j++) {
                assertEquals(sigma1[i * 16 + j], s1.sigma()[i][j], 1e-14);
            }
        }
        double[] covmean = Npy.read(SharedData.require(DIR + "fd_B_64x16_covmean.npy")).toDoubles();
        double trace = 0;
        for (int i = 0; i < 16; i++) {
            trace += covmean[i * 16 + i];
        }
        FrechetDistance.Result r = FrechetDistance.compute(a1, a2);
        JsonObject ref = reference("B_64x16");
        System.out.printf("FD B: %.12f (scipy %.12f), tr covmean %.14f (scipy %.14f)%n",
                r.value(), ref.get("fid").getAsDouble(), r.traceCovmean(), trace);
        assertEquals(trace, r.traceCovmean(), 1e-9);
        checkTerms(ref, r, 1e-6);
    }

    @Test
    void pool3OfTwoBatches() throws IOException {
        FrechetDistance.Result r = FrechetDistance.compute(rows("batch1_pool3.npy"), rows("batch2_pool3.npy"));
        JsonObject ref = reference("C_pool3_batch1_vs_batch2");
        System.out.printf("FD C: %.10f (scipy %.10f), tr covmean %.15f%n", r.value(), ref.get("fid").getAsDouble(),
                r.traceCovmean());
        checkTerms(ref, r, 1e-3);
        // Rank 1: the one singular value, in 40-digit arithmetic; SciPy is 1.0e-5 above it.
        assertEquals(4.697693126353606, r.traceCovmean(), 1e-12);
    }

    @Test
    void bothRoutesAgree() {
        // 64 samples of 16 dims take the covariance route; the same data through the n x n Gram
        // matrix of the centred activations must give the same trace.
        float[][] a1 = rows("fd_B_64x16_act1.npy");
        float[][] a2 = rows("fd_B_64x16_act2.npy");
        FrechetDistance.Result viaSigma = FrechetDistance.compute(a1, a2);
        FrechetDistance.Result viaActivations = FrechetDistance.compute(pad(a1, 64), pad(a2, 64));
        assertEquals(viaSigma.traceCovmean(), viaActivations.traceCovmean(), 1e-10);
        assertEquals(viaSigma.value(), viaActivations.value(), 1e-9);
        // And the other way round: rank-7 covariances (8 samples of 16 dims) through the
        // eigen-decomposition factor, since neither has a Cholesky factor.
        float[][] b1 = java.util.Arrays.copyOf(a1, 8);
        float[][] b2 = java.util.Arrays.copyOf(a2, 8);
        FrechetDistance.Result stats = FrechetDistance.compute(FrechetDistance.Stats.of(b1), FrechetDistance.Stats.of(b2));
        assertEquals(FrechetDistance.compute(b1, b2).traceCovmean(), stats.traceCovmean(), 1e-12);
        assertEquals(FrechetDistance.compute(b1, b2).value(), stats.value(), 1e-10);
        // One side positive definite (64 samples), the other not (8): the Cholesky factor of the
        // first, in either order, agrees with the eigen factor of the rank-deficient one.
        FrechetDistance.Stats low = FrechetDistance.Stats.of(b1);
        FrechetDistance.Stats full = FrechetDistance.Stats.of(a2);
        double mixed = FrechetDistance.compute(low, full).traceCovmean();
        assertEquals(FrechetDistance.compute(full, low).traceCovmean(), mixed, 1e-12);
        assertEquals(traceByEigenFactor(low, full), mixed, 1e-10);
    }

    /** tr sqrtm(Σ1Σ2) with Σ1 factored through its eigenvectors, whatever the ranks. */
    private static double traceByEigenFactor(FrechetDistance.Stats a, FrechetDistance.Stats b) {
        DMatrixRMaj f = FrechetDistance.eigenFactor(new DMatrixRMaj(a.sigma()));
        DMatrixRMaj sf = new DMatrixRMaj(f.numRows, f.numCols);
        CommonOps_DDRM.mult(new DMatrixRMaj(b.sigma()), f, sf);
        DMatrixRMaj m = new DMatrixRMaj(f.numCols, f.numCols);
        CommonOps_DDRM.multTransA(f, sf, m);
        double t = 0;
        for (double v : SingularOps_DDRM.singularValues(m)) {
            t += Math.sqrt(v);
        }
        return t;
    }

    @Test
    void factorsRebuildTheCovariance() {
        // [[4,2,2],[2,2,1],[2,1,1]] = vvᵀ + diag(0,1,0) with v = (2,1,1): rank 2, so no Cholesky
        // factor, and an eigen factor of two columns.
        DMatrixRMaj s = new DMatrixRMaj(new double[][] {{4, 2, 2}, {2, 2, 1}, {2, 1, 1}});
        assertNull(FrechetDistance.cholesky(s));
        DMatrixRMaj f = FrechetDistance.eigenFactor(s);
        assertEquals(2, f.numCols);
        DMatrixRMaj ffT = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.multTransB(f, f, ffT);
        assertTrue(MatrixFeatures_DDRM.isIdentical(s, ffT, 1e-13));
        // Adding the identity makes it positive definite: L Lᵀ = s + I with L lower triangular.
        DMatrixRMaj pd = s.copy();
        CommonOps_DDRM.addEquals(pd, CommonOps_DDRM.identity(3));
        DMatrixRMaj l = FrechetDistance.cholesky(pd);
        assertTrue(MatrixFeatures_DDRM.isLowerTriangle(l, 0, 0.0));
        DMatrixRMaj llT = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.multTransB(l, l, llT);
        assertTrue(MatrixFeatures_DDRM.isIdentical(pd, llT, 1e-13));
    }

    /** Zero columns change neither the distance nor its terms, but switch to the activation route. */
    private static float[][] pad(float[][] a, int dim) {
        float[][] out = new float[a.length][dim];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, out[i], 0, a[i].length);
        }
        return out;
    }

    @Test
    void identicalSetsAreAtDistanceZero() {
        float[][] a = rows("fd_B_64x16_act1.npy");
        assertEquals(0.0, FrechetDistance.compute(a, a).value(), 1e-10);
    }

    @Test
    void gaussiansWithDiagonalCovariances() {
        // Σ1 = diag(a), Σ2 = diag(b): tr sqrtm(Σ1Σ2) = Σ sqrt(a_i b_i), so the distance is
        // ‖Δμ‖² + Σ (sqrt(a_i) − sqrt(b_i))².
        double[][] s1 = {{4, 0, 0}, {0, 1, 0}, {0, 0, 9}};
        double[][] s2 = {{1, 0, 0}, {0, 1, 0}, {0, 0, 16}};
        FrechetDistance.Result r = FrechetDistance.compute(
                new FrechetDistance.Stats(new float[] {1, 2, 3}, s1),
                new FrechetDistance.Stats(new float[] {1, 0, 3}, s2));
        assertEquals(4 + 1 + 0 + 1, r.value(), 1e-12);
    }
}
