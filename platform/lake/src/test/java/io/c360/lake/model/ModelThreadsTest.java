package io.c360.lake.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ModelThreadsTest {

    @Test
    void waitingBuildsAreTakenInTheGivenOrderNotInTheOrderTheyCame() throws InterruptedException {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(4);
        try (ModelThreads threads = new ModelThreads(1, List.of("fct_web_hits", "customer_rfm", "customer_lookup_keys", "first"))) {
            threads.of("first").execute(() -> {
                await(release);
                ran.add("first");
                finished.countDown();
            });
            for (String model : List.of("customer_lookup_keys", "customer_rfm", "fct_web_hits")) {
                threads.of(model).execute(() -> {
                    ran.add(model);
                    finished.countDown();
                });
            }
            release.countDown();
            assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(ran).containsExactly("first", "fct_web_hits", "customer_rfm", "customer_lookup_keys");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
