package org.dadiff4j.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * The reverse-diffusion loop (guided-diffusion's split): the prior is passed in per call and the
 * scheduler knows only the schedule. Each step runs
 *
 * <pre>
 * eps  = model(x, t)[:, :C]
 * x0_t = (x - eps*sqrt(1-at)) / sqrt(at)
 * x0   = hook(x0_t, step)                 guidance enters here
 * x    = scheduler.step(x, eps, x0, step, z)
 * </pre>
 *
 * in float32 and in this op order. Every step works in its own sub-manager, so only the running
 * sample outlives it.
 */
public final class Sampler {

    private final Scheduler scheduler;

    public Sampler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** The scheduler whose steps this sampler runs. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** Runs all steps without progress reports. */
    public NDArray sample(EpsilonModel model, NDArray xT, NoiseSource noise, X0Hook hook) {
        return sample(model, xT, noise, hook, (s, x0, x) -> { });
    }

    /**
     * Runs all steps of the scheduler from {@code xT}.
     *
     * @param xT the starting noise, NCHW; not modified or closed
     * @return the final sample (before any clamp), attached to {@code xT}'s manager
     */
    public NDArray sample(EpsilonModel model, NDArray xT, NoiseSource noise, X0Hook hook,
            StepListener listener) {
        List<StepInfo> steps = scheduler.steps();
        if (steps.isEmpty()) {
            throw new IllegalStateException("no timesteps: call scheduler.setTimesteps first");
        }
        NDManager parent = xT.getManager();
        NDArray x = xT;
        for (StepInfo s : steps) {
            NDArray next;
            try (NDManager sm = parent.newSubManager()) {
                x.tempAttach(sm);
                NDArray eps = epsilon(model, x, s, sm);
                NDArray x0 = x.sub(eps.mul(Scheduler.sqrt(1f - s.at()))).divi(Scheduler.sqrt(s.at()));
                NDArray guided = hook.apply(x0, s);
                guided.attach(sm);
                NDArray z = noise.next(sm, x.getShape());
                next = scheduler.step(x, eps, guided, s, z);
                listener.onStep(s, guided, next);
                next.attach(parent);
            }
            if (x != xT) {
                x.close();
            }
            x = next;
        }
        return x;
    }

    private static NDArray epsilon(EpsilonModel model, NDArray x, StepInfo s, NDManager sm) {
        Shape shape = x.getShape();
        NDArray t = sm.full(new Shape(shape.get(0)), (float) s.t());
        NDArray eps = model.epsilon(x, t);
        eps.attach(sm);
        long c = shape.get(1);
        if (eps.getShape().get(1) != c) {
            eps = eps.get(":, :" + c);
        }
        return eps;
    }

    /** Image in [0,1] from a sample in [-1,1] units: {@code clamp((x + 1) / 2, 0, 1)}. */
    public static NDArray toImage(NDArray x) {
        try (NDArray half = x.add(1f).divi(2f)) {
            return half.clip(0f, 1f);
        }
    }
}
