package io.c360.lake.model;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnparseableRecordsTest {

    @Test
    void recordsFromSeveralTasksAreCompleteWhenEachObservedRecordIsKeptOnce() {
        UnparseableRecords driver = new UnparseableRecords(10_000);
        UnparseableRecords task1 = new UnparseableRecords(10_000);
        UnparseableRecords task2 = new UnparseableRecords(10_000);
        task1.add(record(1, "{broken"));
        task1.add(record(2, "{also"));
        task2.add(record(7, "x"));
        task2.add(record(1, "{broken")); // the source read twice by the model's query

        driver.merge(task1);
        driver.merge(task2);

        assertThat(driver.all(3)).hasValueSatisfying(kept -> assertThat(kept).extracting(r -> r.getLong(2)).containsExactly(1L, 2L, 7L));
        assertThat(driver.all(4)).as("a record the query did not read").isEmpty();
    }

    @Test
    void pastTheBudgetIsNotComplete() {
        UnparseableRecords kept = new UnparseableRecords(200);
        kept.add(record(1, "x".repeat(100))); // 64 + 100 bytes
        kept.add(record(2, "x".repeat(100)));
        assertThat(kept.all(2)).isEmpty();
        assertThat(kept.value()).as("nothing kept once over").isEmpty();

        UnparseableRecords driver = new UnparseableRecords(300);
        UnparseableRecords a = new UnparseableRecords(300);
        UnparseableRecords b = new UnparseableRecords(300);
        a.add(record(1, "x".repeat(100)));
        b.add(record(2, "y".repeat(100)));
        driver.merge(a);
        driver.merge(b);
        assertThat(driver.all(2)).isEmpty();
    }

    @Test
    void aCopyAfterResetIsZeroAsSparkRequiresOfAccumulatorsSentToTasks() {
        UnparseableRecords kept = new UnparseableRecords();
        kept.add(record(1, "x"));

        assertThat(kept.isZero()).isFalse();
        assertThat(kept.copyAndReset().isZero()).isTrue();
        assertThat(kept.copy().value()).hasSize(1);
    }

    private static Row record(long line, String text) {
        return RowFactory.create("batch-1", "sessions.jsonl", line, text, "line is not a JSON object");
    }
}
