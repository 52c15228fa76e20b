package io.c360.sources;

import java.util.LinkedHashMap;
import java.util.Map;

/** How many records one batch (history or tick) produced per source, and how long it took. */
public record SourceCounts(Map<String, Long> records, long nanos) {

    public SourceCounts {
        records = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(records));
    }

    public long get(String source) {
        return records.getOrDefault(source, 0L);
    }

    public long total() {
        return records.values().stream().mapToLong(Long::longValue).sum();
    }

    /** "crm 1,234 · transactions 99,000 · ..." for progress lines. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        records.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " · ").append(k).append(' ')
                .append(io.c360.runtime.Progress.formatCount(v)));
        return sb.toString();
    }
}
