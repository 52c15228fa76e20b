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
}
