package io.c360.lake.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class KeyListTest {

    @Test
    void newIdsAreOneRangeAndOldOnesSplitAtTheLargestGaps() {
        long[] keys = LongStream.concat(LongStream.of(7, 9, 5_000), LongStream.rangeClosed(1_000_000, 1_002_000)).toArray();

        List<long[]> ranges = KeyList.ranges(keys);

        assertThat(ranges).extracting(r -> r[0] + "-" + r[1]).containsExactly("7-7", "9-9", "5000-5000", "1000000-1002000");
    }

    @Test
    void manyScatteredKeysGiveAtMost64RangesCoveringEveryKey() {
        long[] keys = LongStream.range(0, 1_000).map(i -> i * i).toArray();

        List<long[]> ranges = KeyList.ranges(keys);

        assertThat(ranges).hasSize(64);
        for (long k : keys) {
            assertThat(ranges.stream().filter(r -> r[0] <= k && k <= r[1])).as("key %d", k).hasSize(1);
        }
        assertThat(ranges.get(0)[0]).isZero();
        assertThat(ranges.get(63)[1]).isEqualTo(999L * 999);
    }

    @Test
    void rangesOfOneValueAreOneListTestedByLookupNotAChainOfComparisons() {
        long[] keys = LongStream.concat(LongStream.range(0, 40).map(i -> i * 1_000_003), LongStream.rangeClosed(90_000_000, 90_002_000)).toArray();

        String covers = KeyList.ofWholeNumbers(keys).covers("k");

        assertThat(covers).startsWith("((k) IN (0, 1000003, 2000006, ").endsWith(", 39000117) OR (k) BETWEEN 90000000 AND 90002000)");
        assertThat(covers).doesNotContain("BETWEEN 0 AND 0");
    }

    @Test
    void aNarrowingFilterListsFewKeysButOnlyRangesManyWholeNumbers() {
        KeyList few = KeyList.ofWholeNumbers(new long[]{3, 1, 2});
        KeyList many = KeyList.ofWholeNumbers(LongStream.concat(LongStream.of(7), LongStream.rangeClosed(100, 2_099)).toArray());

        assertThat(few.covers("k")).isEqualTo(few.contains("k")).isEqualTo("((k) IN (3, 1, 2) AND ((k) BETWEEN 1 AND 3))");
        assertThat(many.contains("k")).startsWith("((k) IN (7, 100, 101, ");
        assertThat(many.covers("k")).isEqualTo("((k) IN (7) OR (k) BETWEEN 100 AND 2099)");
        KeyList text = KeyList.ofText(LongStream.range(0, 2_000).mapToObj(i -> "id-" + i).toList());
        assertThat(text.covers("k")).isEqualTo(text.contains("k")).startsWith("(k) IN ('id-0', 'id-1', ");
    }
}
