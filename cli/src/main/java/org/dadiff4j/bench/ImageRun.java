package org.dadiff4j.bench;

import java.util.ArrayList;
import java.util.List;
import org.dadiff4j.pipeline.ProgressListener;

/**
 * Wall and network time of one upscaled image, and of its steady-state steps: the steps after
 * the first, whose interval excludes the per-image setup (guidance binding, x_T, conversions).
 *
 * @param wall seconds for the whole image
 * @param network seconds inside timed network calls during the image
 * @param stepWall mean seconds per step after the first; NaN with fewer than two steps
 * @param stepNetwork mean network seconds per step after the first; NaN with fewer than two steps
 * @param priorCalls prior calls per image
 * @param steps steps reported by the upscaler
 */
public record ImageRun(double wall, double network, double stepWall, double stepNetwork, long priorCalls, int steps) {

    /** Time not spent in networks, relative to network time, in percent; NaN without network time. */
    public static double overheadPercent(double wall, double network) {
        return network > 0 ? 100 * (wall - network) / network : Double.NaN;
    }

    /** Seconds of the image that are not steady-state steps. */
    public double setup() {
        return Double.isNaN(stepWall) ? Double.NaN : wall - steps * stepWall;
    }

    /** Records the clock at every step; {@link #finish} turns the marks into a run. */
    public static final class Recorder implements ProgressListener {
        private final CallClock clock;
        private final double start;
        private final List<double[]> marks = new ArrayList<>();

        public Recorder(CallClock clock) {
            this.clock = clock;
            clock.reset();
            this.start = clock.now();
        }

        @Override
        public void stepDone(int step, int steps) {
            marks.add(new double[] {clock.now(), clock.seconds()});
        }

        public ImageRun finish() {
            double wall = clock.now() - start;
            int n = marks.size();
            double stepWall = Double.NaN;
            double stepNet = Double.NaN;
            if (n >= 2) {
                stepWall = (marks.get(n - 1)[0] - marks.get(0)[0]) / (n - 1);
                stepNet = (marks.get(n - 1)[1] - marks.get(0)[1]) / (n - 1);
            }
            return new ImageRun(wall, clock.seconds(), stepWall, stepNet, clock.calls(TimedPrior.LABEL), n);
        }
    }
}
