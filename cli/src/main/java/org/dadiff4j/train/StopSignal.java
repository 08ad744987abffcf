package org.dadiff4j.train;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Asks a running training loop to stop on a checkpoint, as its time budget does. While a run is
 * {@link #watch}ed, Ctrl-C or a kill (SIGINT, SIGTERM) asks for that stop instead of exiting at
 * once; a second one exits as before. Why: a JVM that exits while PyTorch runs a native op on the
 * training thread crashes on its way out (a SIGSEGV and an hs_err file), and the steps since the
 * last checkpoint are lost. A shutdown hook cannot do this: once the JVM shuts down, no new
 * checkpoint may be written (its temporary file would be deleted under it).
 */
final class StopSignal {

    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private volatile boolean requested;

    /** Asks the loop to stop after its current step. */
    void request() {
        requested = true;
    }

    boolean requested() {
        return requested;
    }

    /** Runs {@code loop} with SIGINT and SIGTERM turned into {@link #request()}, then restores their handlers. */
    void watch(Runnable loop) {
        List<Signal> signals = new ArrayList<>();
        List<SignalHandler> previous = new ArrayList<>();
        for (String name : SIGNALS) {
            try {
                Signal s = new Signal(name);
                SignalHandler[] old = new SignalHandler[1];
                old[0] = Signal.handle(s, sig -> {
                    if (requested) {
                        old[0].handle(sig);
                    } else {
                        System.err.println("\nstopping after this step on a checkpoint (again to exit now)");
                        request();
                    }
                });
                signals.add(s);
                previous.add(old[0]);
            } catch (IllegalArgumentException e) {
                // the platform or the JVM's -Xrs leaves this signal alone: it exits as before
            }
        }
        try {
            loop.run();
        } finally {
            for (int i = 0; i < signals.size(); i++) {
                Signal.handle(signals.get(i), previous.get(i));
            }
        }
    }
}
