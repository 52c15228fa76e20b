package io.c360.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the CLI entry point as a user would, in-process, capturing what it prints. */
public class CliTest {

    @TempDir
    Path workspace;

    public record Result(int exit, String out, String err) {
    }

    public static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            int exit = Main.run(args);
            return new Result(exit, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void configShowsEffectiveValuesWithOriginsAndMasksSecrets() {
        Result r = run("config", "--workspace", workspace.toString(),
                "--set", "postgres.password=hunter2", "--set", "spark.master=local[2]");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("spark.master\\s+local\\[2\\]\\s+\\(flag\\)");
        assertThat(r.out()).containsPattern("warehouse\\s+" + workspace.toAbsolutePath() + "/warehouse");
        assertThat(r.out()).containsPattern("postgres.password\\s+\\*\\*\\*\\*");
        assertThat(r.out()).doesNotContain("hunter2");
    }

    @Test
    void sqlRunsOnTheLakeAndPrintsTableCsvAndJson() {
        String ws = workspace.toString();
        Result table = run("sql", "--workspace", ws, "SELECT 1 AS one, 'a,b' AS two");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("| one | two |").contains("| 1   | a,b |").contains("1 row");

        Result csv = run("sql", "--workspace", ws, "--format", "csv", "SELECT id, id * 2 AS twice FROM range(3)");
        assertThat(csv.out()).isEqualTo("id,twice\n0,0\n1,2\n2,4\n".replace("\n", System.lineSeparator()));

        Result json = run("sql", "--workspace", ws, "--format", "json", "--limit", "1", "SELECT 'x' AS s FROM range(5)");
        assertThat(json.out().trim()).isEqualTo("{\"s\":\"x\"}");
        assertThat(json.err()).contains("first 1 rows shown");

        Result ns = run("sql", "--workspace", ws, "--format", "csv", "SHOW NAMESPACES");
        assertThat(ns.out()).contains("stage").contains("analytics").contains("ops");
    }

    @Test
    void aStageBenchRefusesAScratchFolderHoldingAnEarlierSyntheticCompany() throws Exception {
        Path scratch = workspace.resolve("scratch");
        Files.createDirectories(scratch.resolve("landing"));

        Result r = run("bench", "stage", "--workspace", workspace.toString(), "--customers", "10", "--scratch", scratch.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("error:").contains(scratch.resolve("landing").toString()).contains("new or empty folder");
    }

    @Test
    void aBadQueryIsOneReadableErrorLine() {
        Result r = run("sql", "--workspace", workspace.toString(), "SELECT * FROM stage.no_such_table");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("error:").contains("no_such_table");
        assertThat(r.err()).doesNotContain("\tat org.apache");
    }

    @Test
    void lineageTracesAColumnToTheRawFieldAndCatalogSearchFindsPii() {
        String ws = workspace.toString();
        Result column = run("lineage", "--workspace", ws, "--set", "spark.master=local[2]", "stage.stg_crm__customers.email");
        assertThat(column.exit()).as(column.err()).isZero();
        assertThat(column.out()).contains("stage.stg_crm__customers.email")
                .contains("← raw.crm__customers.email  (transformation)");

        Result unbuilt = run("lineage", "--workspace", ws, "--set", "spark.master=local[2]", "analytics.customer_360");
        assertThat(unbuilt.exit()).isEqualTo(1);
        assertThat(unbuilt.out()).contains("no lineage for analytics.customer_360").contains("analytics.customer_identity");

        Result search = run("catalog", "search", "--workspace", ws, "--set", "spark.master=local[2]", "email");
        assertThat(search.exit()).as(search.err()).isZero();
        assertThat(search.out()).containsPattern("stage\\.stg_crm__customers\\.email\\s+string\\s+email")
                .containsPattern("raw\\.crm__customers\\.email\\s+string\\s+email");
    }
}
