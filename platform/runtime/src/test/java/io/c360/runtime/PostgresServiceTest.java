package io.c360.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresServiceTest {

    @TempDir
    Path workspace;

    private C360Config config() {
        return ConfigLoader.withEnvironment(Map.of("C360_HOME", workspace.toString())).load();
    }

    @Test
    void dataSurvivesARestartOfTheEmbeddedServer() throws Exception {
        try (PostgresService pg = PostgresService.open(config());
             Connection c = pg.connect("core_banking");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (id int)");
            s.execute("INSERT INTO kept VALUES (42)");
        }
        assertThat(workspace.resolve("postgres/server.properties")).doesNotExist();

        try (PostgresService pg = PostgresService.open(config());
             Connection c = pg.connect("core_banking");
             ResultSet rs = c.createStatement().executeQuery("SELECT id FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void aSecondProcessAttachesToTheRunningServerAndLeavesItRunning() throws Exception {
        try (PostgresService first = PostgresService.open(config())) {
            try (Connection c = first.connect("shared"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE marks (who text)");
            }
            Process child = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    PostgresProbe.class.getName(), workspace.toString()))
                    .redirectErrorStream(true).start();
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String out = new String(child.getInputStream().readAllBytes());
            assertThat(child.exitValue()).as(out).isZero();
            assertThat(out).contains("embedded=true");

            // the child wrote through the same server and, leaving, did not stop it under us
            try (Connection c = first.connect("shared");
                 ResultSet rs = c.createStatement().executeQuery("SELECT who FROM marks")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("pid ");
            }
        }
        assertThat(Files.exists(workspace.resolve("postgres/server.properties"))).isFalse();
    }

    @Test
    void aLeaseOfAKilledProcessDoesNotKeepTheServerAlive() throws Exception {
        Files.createDirectories(workspace.resolve("postgres/leases"));
        Files.writeString(workspace.resolve("postgres/leases/999999999-dead"), "");
        try (PostgresService pg = PostgresService.open(config())) {
            assertThat(pg.embedded()).isTrue();
        }
        assertThat(workspace.resolve("postgres/server.properties")).doesNotExist();
        assertThat(workspace.resolve("postgres/leases")).isEmptyDirectory();
    }
}
