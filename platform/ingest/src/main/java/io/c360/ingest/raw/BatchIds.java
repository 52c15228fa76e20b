package io.c360.ingest.raw;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Batch ids {@code <yyyyMMdd'T'HHmmssSSS'Z'>-<source>-<entity>-<4 hex>}: lexical order is
 * landing order, so the clock part never repeats nor goes back within a process.
 */
public final class BatchIds {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final AtomicLong LAST_MILLIS = new AtomicLong();

    private BatchIds() {
    }

    public static String next(String source, String entity) {
        long now = System.currentTimeMillis();
        long millis = LAST_MILLIS.updateAndGet(last -> Math.max(now, last + 1));
        return STAMP.format(Instant.ofEpochMilli(millis)) + "-" + source + "-" + entity + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }

    /** True when {@code name} is a batch id of this source and entity. */
    public static boolean belongsTo(String name, String source, String entity) {
        String middle = "-" + source + "-" + entity + "-";
        return name.length() == 19 + middle.length() + 4 && name.startsWith(middle, 19) && name.charAt(18) == 'Z';
    }
}
