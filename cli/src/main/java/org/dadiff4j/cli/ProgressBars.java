package org.dadiff4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.dadiff4j.pipeline.ProgressListener;

/**
 * Console progress on stderr. On a terminal: one live bar per image over its steps, with rate and
 * ETA, opened at the image's first step (so a skipped image shows none). Elsewhere (a log, a pipe):
 * one line per image when it is done, with its outcome and seconds.
 */
final class ProgressBars implements ProgressListener {

    private final PrintWriter err;
    private final boolean live;
    private final java.io.PrintStream bars;
    private ProgressBar bar;
    private LineConsumer consumer;
    private String task;
    private int steps;
    private long started;

    /** Knows whether the bar's line was ended: the library does not always end it on close. */
    private static final class LineConsumer extends ConsoleProgressBarConsumer {
        private volatile boolean ended;

        LineConsumer(java.io.PrintStream out) {
            super(out);
        }

        @Override
        public void close() {
            if (!ended) {
                ended = true;
                super.close();
            }
        }
    }

    /**
     * @param err where the per-image lines go (live bars always go to the process's stderr)
     * @param live live bars (stderr is a terminal), else one line per image
     */
    ProgressBars(PrintWriter err, boolean live) {
        this(err, live, System.err);
    }

    /** As above, with the live bars drawn on {@code bars} (tests). */
    ProgressBars(PrintWriter err, boolean live, java.io.PrintStream bars) {
        this.err = err;
        this.live = live;
        this.bars = bars;
    }

    /**
     * Whether stderr is a terminal: the launcher tells ({@code -Ddadiff.tty=true|false}, from
     * {@code [ -t 2 ]}); without it, whether the JVM has a console.
     */
    static boolean stderrIsTerminal() {
        String told = System.getProperty("dadiff.tty");
        return told != null ? Boolean.parseBoolean(told) : System.console() != null;
    }

    /** Whether this shows live bars (else one line per image). */
    boolean live() {
        return live;
    }

    @Override
    public void imageStarted(int index, int count, String name, int steps) {
        close();
        this.task = String.format(Locale.ROOT, "[%d/%d] %s", index + 1, count, shorten(name));
        this.steps = steps;
        this.started = System.nanoTime();
    }

    @Override
    public void stepDone(int step, int steps) {
        if (!live) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(this.steps)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500)
                    .setConsumer(consumer = new LineConsumer(bars))
                    .showSpeed()
                    .setUnit(" steps", 1)
                    .build();
        }
        bar.stepTo(step);
    }

    @Override
    public void imageDone(int index, String name, String outcome) {
        close();
        if (!live) {
            err.printf(Locale.ROOT, "%s: %s (%.1f s)%n", task, outcome, (System.nanoTime() - started) / 1e9);
            err.flush();
        }
    }

    void close() {
        if (bar != null) {
            bar.close();
            consumer.close(); // ends the line, so that no message is glued onto the bar
            bar = null;
        }
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : "..." + s.substring(s.length() - 37);
    }
}
