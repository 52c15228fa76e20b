package io.c360.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two c360 processes on one workspace at once (a server reading while a pipeline writes) must
 * both work: the SQLite Iceberg catalog and the embedded PostgreSQL are shared, not duplicated.
 */
class ConcurrentWorkspaceTest {

    @TempDir
    Path workspace;

    @Test
    void twoProcessesCommitToTheSameCatalogAtTheSameTime() throws Exception {
        assertThat(CliTest.run("sql", "--workspace", workspace.toString(),
                "CREATE TABLE ops.shared_log (writer STRING, n BIGINT) USING iceberg").exit()).isZero();

        List<Process> writers = List.of("a", "b").stream().map(w -> {
            try {
                return ChildProcess.c360(workspace, "sql",
                        "INSERT INTO ops.shared_log SELECT '" + w + "', id FROM range(1000)").start();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        for (Process p : writers) {
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(ChildProcess.output(p)).isZero();
        }

        CliTest.Result r = CliTest.run("sql", "--workspace", workspace.toString(), "--format", "csv",
                "SELECT writer, count(*) AS n FROM ops.shared_log GROUP BY writer ORDER BY writer");
        assertThat(r.out()).contains("a,1000").contains("b,1000");
    }
}
