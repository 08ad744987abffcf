package org.dadiff4j.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.dadiff4j.pipeline.ProgressListener;

/** Console progress: one bar per image over its steps, with rate and ETA, on stderr. */
final class ProgressBars implements ProgressListener {

    private final PrintStream err;
    private ProgressBar bar;
    private LineConsumer consumer;

    /** Knows whether the bar's line was ended: the library does not always end it on close. */
    private static final class LineConsumer extends ConsoleProgressBarConsumer {
        private volatile boolean ended;

        LineConsumer(PrintStream out) {
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

    ProgressBars(PrintStream err) {
        this.err = err;
    }

    @Override
    public void imageStarted(int index, int count, String name, int steps) {
        close();
        bar = new ProgressBarBuilder()
                .setTaskName(String.format("[%d/%d] %s", index + 1, count, shorten(name)))
                .setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(consumer = new LineConsumer(err))
                .showSpeed()
                .setUnit(" steps", 1)
                .build();
    }

    @Override
    public void stepDone(int step, int steps) {
        if (bar != null) {
            bar.stepTo(step);
        }
    }

    @Override
    public void imageDone(int index, String name, String outcome) {
        close();
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
