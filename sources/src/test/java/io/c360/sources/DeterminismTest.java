package io.c360.sources;

import io.c360.runtime.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The same seed gives byte-identical files and identical database contents; another seed does not. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeterminismTest {

    @TempDir
    static Path root;

    private SourceSystems systems;

    @BeforeAll
    void open() {
        systems = SourceSystems.open(TestWorkspace.config(root.resolve("db")), null);
    }

    @AfterAll
    void close() {
        if (systems != null) {
            systems.close();
        }
    }

    @Test
    void sameSeedGivesByteIdenticalFilesAndTables() throws Exception {
        String first = generate(root.resolve("a"), 77);
        String second = generate(root.resolve("b"), 77);
        String otherSeed = generate(root.resolve("c"), 78);

        List<Path> filesA = relative(root.resolve("a"));
        assertThat(filesA).isEqualTo(relative(root.resolve("b")));
        assertThat(filesA).contains(Path.of("truth/records.csv"), Path.of("landing/retail/retail0020261101-000000.csv"));
        for (Path file : filesA) {
            assertThat(Files.readAllBytes(root.resolve("b").resolve(file))).as(file.toString())
                    .isEqualTo(Files.readAllBytes(root.resolve("a").resolve(file)));
        }
        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(Files.readAllBytes(root.resolve("c/truth/records.csv"))).isNotEqualTo(Files.readAllBytes(root.resolve("a/truth/records.csv")));
    }

    /** Generates into {@code workspace} and returns a digest of both source databases. */
    private String generate(Path workspace, long seed) throws Exception {
        new HistoryGenerator(SimulationPlan.of(300, seed), workspace, systems.crm(), systems.core(), Progress.silent()).generate();
        return digest(systems.crm().connect(), "SELECT md5(string_agg(client_id || updated_at::text || doc, '|' ORDER BY client_id)) FROM customers")
                + digest(systems.core().connect(), "SELECT md5(string_agg(t::text, '|' ORDER BY trans_id)) FROM transactions t");
    }

    private static String digest(Connection connection, String sql) throws Exception {
        try (connection; Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<Path> relative(Path workspace) throws Exception {
        return TestWorkspace.allFiles(workspace).stream().map(workspace::relativize).toList();
    }
}
