package org.dadiff4j.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.dadiff4j.DadiffException;

/**
 * Which training timesteps a run visits, as a descending sequence ending in {@code -1}; step k goes
 * from {@code times[k]} to {@code times[k+1]}. Spacing never touches the network or the schedule.
 */
public final class TimestepSpacing {

    private final int[] times;

    private TimestepSpacing(int[] times) {
        this.times = times;
    }

    /**
     * DDNM/DADiff: {@code get_schedule_jump(steps, 1, 1)} (that is steps-1, ..., 0, -1) scaled by
     * {@code skip = trainSteps / steps} (integer division), with -1 kept. For 100 of 1000 steps:
     * 990, 980, ..., 10, 0, -1.
     */
    public static TimestepSpacing official(int steps, int trainSteps) {
        if (steps < 1 || steps > trainSteps) {
            throw new DadiffException("steps: must be 1.." + trainSteps + ", got " + steps);
        }
        int skip = trainSteps / steps;
        int[] t = new int[steps + 1];
        for (int k = 0; k < steps; k++) {
            t[k] = (steps - 1 - k) * skip;
        }
        t[steps] = -1;
        return new TimestepSpacing(t);
    }

    /**
     * guided-diffusion's {@code space_timesteps}: {@code "ddimN"} takes the first stride whose
     * {@code range(0, T, stride)} has exactly N elements; otherwise a comma list of counts splits
     * 0..T-1 into equal sections and takes that many evenly rounded (half-to-even) steps from each.
     */
    public static TimestepSpacing respaced(String sections, int trainSteps) {
        TreeSet<Integer> use = new TreeSet<>();
        String spec = sections.trim();
        if (spec.startsWith("ddim")) {
            int want = parseCount(spec.substring(4), spec);
            for (int stride = 1; stride < trainSteps && use.isEmpty(); stride++) {
                if ((trainSteps + stride - 1) / stride == want) {
                    for (int t = 0; t < trainSteps; t += stride) {
                        use.add(t);
                    }
                }
            }
            if (use.isEmpty()) {
                throw new DadiffException("spacing " + spec + ": no stride of " + trainSteps
                        + " steps gives exactly " + want + " steps");
            }
        } else {
            int[] counts = Arrays.stream(spec.split(",")).mapToInt(s -> parseCount(s, spec)).toArray();
            int sizePer = trainSteps / counts.length;
            int extra = trainSteps % counts.length;
            int start = 0;
            for (int i = 0; i < counts.length; i++) {
                int size = sizePer + (i < extra ? 1 : 0);
                if (size < counts[i]) {
                    throw new DadiffException("spacing " + spec + ": cannot take " + counts[i]
                            + " steps from a section of " + size);
                }
                double stride = counts[i] <= 1 ? 1 : (size - 1) / (double) (counts[i] - 1);
                double cur = 0;
                for (int j = 0; j < counts[i]; j++) {
                    use.add(start + (int) Math.rint(cur));
                    cur += stride;
                }
                start += size;
            }
        }
        int[] t = new int[use.size() + 1];
        int k = 0;
        for (int v : use.descendingSet()) {
            t[k++] = v;
        }
        t[k] = -1;
        return new TimestepSpacing(t);
    }

    private static int parseCount(String s, String spec) {
        try {
            int n = Integer.parseInt(s.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new DadiffException("spacing " + spec + ": '" + s + "' is not a positive step count");
        }
    }

    /**
     * The last {@code k} steps of this spacing (all of them for k = size()): the run of a sample
     * that starts part-way, from a noised image at {@code times[size - k]}, as SDEdit and
     * diffusers' img2img do.
     */
    public TimestepSpacing last(int k) {
        if (k < 0 || k > size()) {
            throw new IllegalArgumentException("cannot keep " + k + " of " + size() + " steps");
        }
        return new TimestepSpacing(Arrays.copyOfRange(times, size() - k, times.length));
    }

    /** Number of steps. */
    public int size() {
        return times.length - 1;
    }

    /** The visited timesteps, descending, ending with -1. */
    public int[] times() {
        return times.clone();
    }

    /** The steps with their alpha-bars looked up in {@code schedule}. */
    public List<StepInfo> steps(NoiseSchedule schedule) {
        List<StepInfo> out = new ArrayList<>(size());
        for (int k = 0; k < size(); k++) {
            int t = times[k];
            int next = times[k + 1];
            out.add(new StepInfo(k, size(), t, next, schedule.alphaBar(t), schedule.alphaBar(next)));
        }
        return List.copyOf(out);
    }
}
