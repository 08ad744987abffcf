package org.dadiff4j.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.dadiff4j.image.Picture;
import org.dadiff4j.image.Tensors;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.sampling.NoiseSchedule;
import org.dadiff4j.sampling.StepInfo;
import org.dadiff4j.sampling.TorchNoise;
import org.junit.jupiter.api.Test;

/** The run that starts part-way from the method's anchor (--strength). */
class AnchoredStartTest {

    /** Predicts zero noise: every clean estimate is x_t / sqrt(at), so DDIM with eta 0 only rescales. */
    private static final class ZeroPrior implements DiffusionPrior {
        @Override
        public NDArray epsilon(NDArray x, NDArray t) {
            return x.zerosLike();
        }

        @Override
        public NDArray forwardRaw(NDArray x, NDArray t) {
            return epsilon(x, t);
        }

        @Override
        public int imageSize() {
            return 32;
        }

        @Override
        public int sizeMultiple() {
            return 1;
        }

        @Override
        public boolean learnsSigma() {
            return false;
        }

        @Override
        public TorchBlock network() {
            throw new UnsupportedOperationException();
        }
    }

    /** An identity hook whose anchor is a fixed gradient image (not any enlargement of the input). */
    private static final class FixedAnchor implements GuidanceFactory {
        @Override
        public Bound bind(NDArray lr, int scale) {
            Shape s = lr.getShape();
            return new Bound() {
                @Override
                public NDArray apply(NDArray x0, StepInfo step) {
                    return x0.duplicate();
                }

                @Override
                public NDArray anchor() {
                    return anchorImage(lr.getManager(), s.get(2) * scale, s.get(3) * scale);
                }

                @Override
                public void close() {}
            };
        }
    }

    static NDArray anchorImage(NDManager m, long h, long w) {
        return m.arange(0f, 3f * h * w).reshape(1, 3, h, w).divi(3f * h * w).muli(1.6f).subi(0.8f);
    }

    private static Picture input(int side) {
        float[][] planes = new float[3][side * side];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < planes[c].length; i++) {
                planes[c][i] = (i * 7 + c * 13) % 17 / 17f;
            }
        }
        return Picture.of(side, side, planes, null, 8);
    }

    @Test
    void strengthZeroReturnsTheAnchorWithoutAnyStep() {
        Picture lr = input(8);
        List<Integer> seen = new ArrayList<>();
        Picture out = DiffusionUpscaler.builder().setPrior(new ZeroPrior()).setGuidance(new DdnmFactory(0f))
                .optScale(4).optSteps(10).optStrength(0).optObserver((s, x0, x) -> seen.add(s.t())).build()
                .upscale(lr, 1, ProgressListener.NONE);
        assertTrue(seen.isEmpty());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray bicubic = GuidanceFactory.bicubicAnchor(Tensors.toNchwRgb(m, lr), 4).add(1f).divi(2f).clip(0f, 1f);
            float[][] want = Tensors.planes(bicubic);
            for (int c = 0; c < 3; c++) {
                assertArrayEquals(want[c], out.planes()[c], 0f);
            }
        }
    }

    @Test
    void aPartialRunStartsFromTheNoisedAnchorAtItsFirstTimestep() {
        Picture lr = input(8);
        List<Integer> seen = new ArrayList<>();
        DiffusionUpscaler up = DiffusionUpscaler.builder().setPrior(new ZeroPrior()).setGuidance(new FixedAnchor())
                .optScale(4).optSteps(10).optStrength(0.3).optEta(0f).optObserver((s, x0, x) -> seen.add(s.t()))
                .build();
        assertEquals(3, up.steps());
        Picture out = up.upscale(lr, 5, ProgressListener.NONE);
        assertEquals(List.of(200, 100, 0), seen);
        // x_200 = sqrt(a)·A + sqrt(1-a)·z; zero-noise DDIM steps only rescale it by 1/sqrt(a) in all.
        float a = NoiseSchedule.linear().alphaBar(200);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray anchor = anchorImage(m, 32, 32);
            NDArray z = new TorchNoise(5).next(m, new Shape(1, 3, 32, 32));
            NDArray want = anchor.add(z.mul((float) Math.sqrt((1 - a) / a))).addi(1f).divi(2f).clip(0f, 1f);
            float[][] w = Tensors.planes(want);
            for (int c = 0; c < 3; c++) {
                assertArrayEquals(w[c], out.planes()[c], 2e-5f);
            }
            // The noise is really there: the output is not the anchor.
            float[][] clean = Tensors.planes(anchor.add(1f).divi(2f).clip(0f, 1f));
            double diff = 0;
            for (int i = 0; i < clean[0].length; i++) {
                diff += Math.abs(clean[0][i] - out.planes()[0][i]);
            }
            assertTrue(diff / clean[0].length > 0.05, "mean |out - anchor| " + diff / clean[0].length);
        }
    }

    @Test
    void fullStrengthIsThePaperRunFromPureNoise() {
        Picture lr = input(8);
        List<Integer> seen = new ArrayList<>();
        DiffusionUpscaler.builder().setPrior(new ZeroPrior()).setGuidance(new FixedAnchor()).optScale(4)
                .optSteps(10).optStrength(1).optObserver((s, x0, x) -> seen.add(s.t())).build()
                .upscale(lr, 5, ProgressListener.NONE);
        assertEquals(List.of(900, 800, 700, 600, 500, 400, 300, 200, 100, 0), seen);
    }
}
