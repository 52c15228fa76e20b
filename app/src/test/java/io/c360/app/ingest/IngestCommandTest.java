package io.c360.app.ingest;

import io.c360.app.Main;
import io.c360.runtime.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class IngestCommandTest {

    @TempDir
    Path workspace;

    @Test
    void landsTheChosenSourcesReportsAFailedOneWithExitCode1AndLandsNothingTheSecondTime() throws IOException {
        Path landing = Files.createDirectories(workspace.resolve("landing/accounts"));
        Files.copy(Path.of(System.getProperty("c360.workshop.fixtures")).resolve("account/account0020240523-063958.csv"),
                landing.resolve("account0020240523-063958.csv"));
        Path config = workspace.resolve("c360.yml");
        Files.writeString(config, """
                spark:
                  master: local[2]
                  conf:
                    spark.sql.shuffle.partitions: "4"
                ingest:
                  settle-seconds: "0"
                sources:
                  crm:
                    max-retries: 0
                """);
        String down = "http://127.0.0.1:" + FreePort.find();

        Run first = run("--workspace", workspace.toString(), "--config", config.toString(), "--set", "crm.url=" + down,
                "ingest", "--source", "accounts", "--source", "crm");

        assertThat(first.exitCode).isEqualTo(1);
        assertThat(first.out).containsPattern("accounts\\s+1\\s+1,999")
                .contains("failed: crm: GET " + down + "/api/v1/customers")
                .contains("some sources failed (the others were landed)");

        Run second = run("--workspace", workspace.toString(), "--config", config.toString(), "ingest", "--source", "accounts");

        assertThat(second.exitCode).isZero();
        assertThat(second.out).contains("nothing new to land");
    }

    private record Run(int exitCode, String out) {
    }

    private static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
