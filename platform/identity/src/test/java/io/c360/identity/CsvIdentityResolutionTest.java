package io.c360.identity;

import io.c360.runtime.Progress;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The generic mode on a small hand-made CSV whose answer is known. */
class CsvIdentityResolutionTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.start();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void dedupesAHandMadeFile(@TempDir Path dir) throws IOException, URISyntaxException {
        Path people = resource("identity/people.csv");
        IdentityMapping mapping = IdentityMapping.load(resource("identity/people-mapping.yml"));
        Path output = dir.resolve("clusters.csv");

        CsvIdentityResolution.resolve(spark, mapping, Map.of("", people), output, Progress.silent());

        List<String> lines = Files.readAllLines(output);
        assertThat(lines.get(0)).isEqualTo("source,entity,record_key,cluster_id");
        Set<Set<String>> clusters = lines.subList(1, lines.size()).stream().map(l -> l.split(","))
                .collect(Collectors.groupingBy(f -> f[3], Collectors.mapping(f -> f[2], Collectors.toSet())))
                .values().stream().collect(Collectors.toSet());
        assertThat(clusters).containsExactlyInAnyOrder(
                Set.of("1", "2", "3"), Set.of("4", "5"), Set.of("6"), Set.of("7", "8"), Set.of("9", "10"), Set.of("11"), Set.of("12"));
    }

    @Test
    void namesTheMissingColumn(@TempDir Path dir) throws IOException, URISyntaxException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "id,fullname\n1,Ann Lee\n");
        IdentityMapping mapping = IdentityMapping.load(resource("identity/people-mapping.yml"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        CsvIdentityResolution.resolve(spark, mapping, Map.of("", file), dir.resolve("out.csv"), Progress.silent()))
                .hasMessageContaining("has no column 'name'");
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(CsvIdentityResolutionTest.class.getClassLoader().getResource(name).toURI());
    }
}
