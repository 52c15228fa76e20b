package io.c360.lake.raw;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RawSplitTest {

    private static final String CONTENT = "\uFEFF{\"a\": \"première\"}\r\n\r\n   \n{\"b\": 2}\r{\"c\": \"日本\"}\n\n{\"d\": 4}\r\n"
            + "x".repeat(40) + "\n{\"e\": \"último\"}";

    @TempDir
    Path dir;

    @Test
    void splitsOfAnySizeReadTheLinesAndNumbersOfTheWholeFile() throws IOException {
        Path path = dir.resolve("part.jsonl");
        Files.writeString(path, CONTENT, StandardCharsets.UTF_8);
        RawFile file = new RawFile(path.toUri().toString(), "b1", "part.jsonl", "2026-01-01T00:00:00Z", Files.size(path));
        List<String> expected = expectedLines();

        for (long size = 1; size <= file.bytes(); size++) {
            List<RawSplit> splits = RawSplit.of(List.of(file), size);
            List<String> read = new ArrayList<>();
            long before = 0;
            for (RawSplit split : splits) {
                split.numberedFrom(before).numberedLines().forEachRemaining(r -> read.add(numbered(r)));
                before += split.lineCount();
            }
            assertThat(read).as("splits of %d bytes", size).isEqualTo(expected);
            assertThat(before).isEqualTo(9);
        }
    }

    @Test
    void aCompressedOrSmallFileIsOneSplit() {
        RawFile gz = new RawFile("file:///x/a.jsonl.gz", "b1", "a.jsonl.gz", null, 1_000_000);
        RawFile small = new RawFile("file:///x/b.jsonl", "b1", "b.jsonl", null, 100);
        RawFile large = new RawFile("file:///x/c.jsonl", "b1", "c.jsonl", null, 1_000);

        List<RawSplit> splits = RawSplit.of(List.of(gz, small, large), 300);

        assertThat(splits).extracting(s -> s.file().name() + "@" + s.start())
                .containsExactly("a.jsonl.gz@0", "b.jsonl@0", "c.jsonl@0", "c.jsonl@300", "c.jsonl@600", "c.jsonl@900");
        assertThat(splits.get(0).wholeFile()).isTrue();
        assertThat(splits.get(2).wholeFile()).isFalse();
        assertThat(splits.get(5).end()).isEqualTo(Long.MAX_VALUE);
    }

    /** The file's lines as a text editor numbers them, BOM removed, blank lines left out. */
    private static List<String> expectedLines() {
        String[] lines = CONTENT.substring(1).split("\r\n|\r|\n", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                out.add((i + 1) + ":" + lines[i]);
            }
        }
        return out;
    }

    private static String numbered(Row r) {
        return r.getLong(1) + ":" + r.getString(0);
    }
}
