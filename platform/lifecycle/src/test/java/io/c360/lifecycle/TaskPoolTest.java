package io.c360.lifecycle;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskPoolTest {

    @Test
    void resultsComeInItemOrderFromSeveralThreadsAtOnce() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<Integer> out = new TaskPool(2).map(List.of(1, 2, 3, 4), i -> {
            threads.add(Thread.currentThread());
            bothStarted.countDown();
            try {
                // the first two tasks only finish once both run: proves they overlap
                assertThat(bothStarted.await(10, TimeUnit.SECONDS)).isTrue();
                Thread.sleep(5L * (4 - i));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return i * 10;
        });
        assertThat(out).containsExactly(10, 20, 30, 40);
        assertThat(threads).hasSize(2);
    }

    @Test
    void theFirstFailureIsRethrownAfterTheOtherTasksRan() {
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        assertThatThrownBy(() -> new TaskPool(3).map(List.of(1, 2, 3), i -> {
            ran.add(i);
            if (i == 2) {
                throw new IllegalArgumentException("table 2 failed");
            }
            return i;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("table 2 failed");
        assertThat(ran).containsExactlyInAnyOrder(1, 2, 3);
    }
}
