package io.c360.ingest;

import io.c360.runtime.Progress;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** What one {@code c360 ingest} run did, per source. */
public record IngestReport(List<SourceReport> sources) {

    /** The batches of one source and how long the source took. */
    public record SourceReport(String source, List<BatchRecord> batches, long nanos) {

        public long count(BatchStatus status) {
            return batches.stream().filter(b -> b.status() == status).count();
        }

        public long records() {
            return landed().mapToLong(BatchRecord::records).sum();
        }

        public long bytes() {
            return landed().mapToLong(BatchRecord::bytes).sum();
        }

        public boolean failed() {
            return count(BatchStatus.FAILED) > 0;
        }

        public String summary() {
            String s = String.format(Locale.ROOT, "%d batch(es) landed, %s records, %s", count(BatchStatus.LANDED),
                    Progress.formatCount(records()), IngestReport.size(bytes()));
            if (count(BatchStatus.QUARANTINED) > 0) {
                s += ", " + count(BatchStatus.QUARANTINED) + " file(s) quarantined";
            }
            return s;
        }

        private java.util.stream.Stream<BatchRecord> landed() {
            return batches.stream().filter(b -> b.status() == BatchStatus.LANDED);
        }
    }

    public boolean failed() {
        return sources.stream().anyMatch(SourceReport::failed);
    }

    public List<BatchRecord> batches() {
        return sources.stream().flatMap(s -> s.batches().stream()).toList();
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "%-14s %8s %12s %10s %12s %7s %8s%n", "source", "batches", "records", "bytes", "quarantined", "failed", "time");
        for (SourceReport s : sources) {
            out.printf(Locale.ROOT, "%-14s %8d %12s %10s %12d %7d %8s%n", s.source(), s.count(BatchStatus.LANDED),
                    Progress.formatCount(s.records()), size(s.bytes()), s.count(BatchStatus.QUARANTINED),
                    s.count(BatchStatus.FAILED), Progress.duration(s.nanos()));
        }
        for (BatchRecord b : batches()) {
            if (b.status() != BatchStatus.LANDED) {
                out.println(b.status().label() + ": " + b.message());
            }
        }
        long landed = sources.stream().mapToLong(s -> s.count(BatchStatus.LANDED)).sum();
        out.println(landed == 0 && !failed() ? "nothing new to land" : failed()
                ? "some sources failed (the others were landed)" : "ingest complete");
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kb = bytes / 1024.0;
        return kb < 1024 ? String.format(Locale.ROOT, "%.1f KB", kb) : String.format(Locale.ROOT, "%.1f MB", kb / 1024);
    }
}
