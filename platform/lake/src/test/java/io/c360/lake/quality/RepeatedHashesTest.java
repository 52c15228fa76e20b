package io.c360.lake.quality;

import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatedHashesTest {

    @Test
    void countsEveryHashSeenBeforeInThePartitionInAnyOrder() {
        assertThat(repeats(List.of(7L, -3L, 7L, 12L, 7L, -3L))).isEqualTo(3);
    }

    @Test
    void distinctHashesAndEmptyPartitionsHaveNoRepeats() {
        assertThat(repeats(LongStream.range(0, 5_000).map(i -> i * 7919 % 5_003).boxed().toList())).isZero();
        assertThat(repeats(List.of())).isZero();
    }

    private static long repeats(List<Long> hashes) {
        Iterator<Long> out = RepeatedHashes.repeats(hashes.iterator());
        long repeats = out.next();
        assertThat(out.hasNext()).isFalse();
        return repeats;
    }
}
