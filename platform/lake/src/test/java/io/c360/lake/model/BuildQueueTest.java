package io.c360.lake.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Of the models ready to build, those with the longest chain of models waiting for them go first. */
class BuildQueueTest {

    @Test
    void aModelsWaitingChainIsTheLongestRunOfModelsReadingIt(@TempDir Path models) throws IOException {
        model(models, "sessions", "SELECT 1 AS id");
        model(models, "hits", "SELECT id FROM {{ ref('sessions') }}");
        model(models, "orders", "SELECT 1 AS id");
        model(models, "profiles", "SELECT h.id FROM {{ ref('hits') }} h JOIN {{ ref('orders') }} o ON o.id = h.id");
        model(models, "keys", "SELECT 1 AS id");

        assertThat(ModelProject.fromFolder("analytics", models).waitingChains())
                .containsExactlyInAnyOrderEntriesOf(Map.of("sessions", 2, "hits", 1, "orders", 1, "profiles", 0, "keys", 0));
    }

    @Test
    void theLongestWaitingChainIsBuiltFirstThenTheFirstReady() throws InterruptedException {
        List<String> started = new CopyOnWriteArrayList<>();
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch all = new CountDownLatch(5);
        try (BuildQueue queue = new BuildQueue(1, Map.of("hits", 1, "rfm", 1, "sessions", 2), Thread::new)) {
            queue.forModel("first").execute(() -> {
                await(busy);
                all.countDown();
            });
            for (String model : List.of("keys", "hits", "rfm", "sessions")) {
                queue.forModel(model).execute(() -> {
                    started.add(model);
                    all.countDown();
                });
            }
            busy.countDown();
            assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(started).containsExactly("sessions", "hits", "rfm", "keys");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void model(Path folder, String name, String sql) throws IOException {
        Files.writeString(folder.resolve(name + ".sql"), sql + "\n");
        Files.writeString(folder.resolve(name + ".yml"), "description: A probe of the build order.\nunique_key: [id]\ncolumns:\n  - {name: id, type: int, description: An id.}\n");
    }
}
