package io.c360.runtime;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Progress progress = new Progress(new PrintStream(out, true, StandardCharsets.UTF_8), false, Duration.ofMillis(50));

    @Test
    void rateLinesStartAfterTheFirstCountNotAtTheFirstCountAfterALongWait() throws InterruptedException {
        Progress.Step step = progress.start("publish", "profiles");
        Thread.sleep(120); // e.g. Spark building every document before the first one arrives
        step.add(1);
        assertThat(lines()).containsExactly("▸ publish");

        Thread.sleep(120);
        step.add(9);
        step.done();

        assertThat(lines()).hasSize(3);
        assertThat(lines()[1]).startsWith("  publish: 10 profiles (");
        assertThat(lines()[2]).startsWith("✓ publish  10 profiles (");
    }

    private String[] lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toArray(String[]::new);
    }
}
