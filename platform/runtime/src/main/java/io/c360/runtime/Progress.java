package io.c360.runtime;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Our own progress output: one line when a step starts, a rate line every few seconds while it
 * counts, and one line when it ends with its count and duration. Thread-safe; parallel steps
 * print interleaved whole lines.
 */
public final class Progress {

    private final PrintStream out;
    private final boolean verbose;
    private final long reportEveryNanos;

    public Progress(PrintStream out, boolean verbose) {
        this(out, verbose, Duration.ofSeconds(5));
    }

    Progress(PrintStream out, boolean verbose, Duration reportEvery) {
        this.out = out;
        this.verbose = verbose;
        this.reportEveryNanos = reportEvery.toNanos();
    }

    public static Progress console(boolean verbose) {
        return new Progress(System.err, verbose);
    }

    /** Discards everything: for library use and tests that do not look at progress. */
    public static Progress silent() {
        return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()), false);
    }

    public boolean verbose() {
        return verbose;
    }

    public void info(String message) {
        line("  " + message);
    }

    public void detail(String message) {
        if (verbose) {
            line("    " + message);
        }
    }

    public Step start(String name, String unit) {
        line("▸ " + name);
        return new Step(name, unit);
    }

    private synchronized void line(String s) {
        out.println(s);
        out.flush();
    }

    public static String formatCount(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String duration(long nanos) {
        double s = nanos / 1e9;
        return s < 60 ? String.format(Locale.ROOT, "%.1fs", s) : String.format(Locale.ROOT, "%dm%02ds", (long) s / 60, (long) s % 60);
    }

    /** One step being measured. Close it (or call done/failed) exactly once. */
    public final class Step implements AutoCloseable {
        private final String name;
        private final String unit;
        private final long startNanos = System.nanoTime();
        private final AtomicLong count = new AtomicLong();
        private volatile long lastReport = startNanos;
        private volatile boolean ended;

        private Step(String name, String unit) {
            this.name = name;
            this.unit = unit;
        }

        /** Counts; the rate lines start a few seconds after the first count (one after a long wait says nothing). */
        public void add(long n) {
            long total = count.addAndGet(n);
            long now = System.nanoTime();
            if (total == n) {
                lastReport = now;
            } else if (now - lastReport > reportEveryNanos) {
                lastReport = now;
                line(String.format(Locale.ROOT, "  %s: %s %s (%s/s)", name, formatCount(total), unit, formatCount(rate(total, now))));
            }
        }

        public long count() {
            return count.get();
        }

        public long elapsedNanos() {
            return System.nanoTime() - startNanos;
        }

        public void done() {
            done("");
        }

        public void done(String summary) {
            if (ended) {
                return;
            }
            ended = true;
            long n = count.get();
            String counts = n > 0 ? String.format(Locale.ROOT, "  %s %s (%s/s)", formatCount(n), unit, formatCount(rate(n, System.nanoTime()))) : "";
            line("✓ " + name + counts + "  " + duration(elapsedNanos()) + (summary.isEmpty() ? "" : "  " + summary));
        }

        public void failed(String reason) {
            if (!ended) {
                ended = true;
                line("✗ " + name + "  " + duration(elapsedNanos()) + "  " + reason);
            }
        }

        private long rate(long n, long now) {
            double secs = Math.max(1e-3, (now - startNanos) / 1e9);
            return (long) (n / secs);
        }

        @Override
        public void close() {
            done();
        }
    }
}
