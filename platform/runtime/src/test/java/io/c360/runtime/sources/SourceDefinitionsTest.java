package io.c360.runtime.sources;

import io.c360.runtime.ConfigException;
import io.c360.runtime.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceDefinitionsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsDeclareEverySourceOfTheDesign() {
        SourceDefinitions defs = SourceDefinitions.from(ConfigLoader.withEnvironment(Map.of()).load());

        assertThat(defs.entities()).extracting(EntityLayout::qualifiedName).containsExactlyInAnyOrder(
                "crm__customers", "core__transactions", "accounts__accounts", "cards__cards",
                "dispositions__dispositions", "web__sessions", "web__visitor_map", "retail__orders");
        assertThat(defs.get("crm").kind()).isEqualTo(SourceDefinition.ConnectorKind.HTTP);
        assertThat(defs.get("core").kind()).isEqualTo(SourceDefinition.ConnectorKind.JDBC);
        EntityLayout retail = defs.entity("retail", "orders");
        assertThat(retail.header()).isTrue();
        assertThat(retail.columns()).hasSize(20);
        assertThat(retail.columns().get(2)).isEqualTo(new ColumnSpec("Order_Date", ColumnType.DATE, "M/d/yyyy", 0, false));
        assertThat(defs.entity("web", "visitor_map").columns().get(0).type()).isEqualTo(ColumnType.STRING);
    }

    @Test
    void aNewFileExtractNeedsOnlyConfiguration() throws Exception {
        Path yml = dir.resolve("c360.yml");
        Files.writeString(yml, """
                sources:
                  branches:
                    kind: file
                    entities:
                      branches:
                        landing: branches
                        pattern: "BR*.txt"
                        format: fixed-width
                        encoding: ISO-8859-1
                        columns:
                          - {name: branch_id, type: int, width: 4}
                          - {name: opened, type: date, format: yyyyMMdd, width: 8}
                """);
        SourceDefinitions defs = SourceDefinitions.from(ConfigLoader.withEnvironment(Map.of()).configFile(yml).load());

        EntityLayout branches = defs.entity("branches", "branches");
        assertThat(branches.format()).isEqualTo(LayoutFormat.FIXED_WIDTH);
        assertThat(branches.encoding()).isEqualTo("ISO-8859-1");
        assertThat(branches.columns()).extracting(ColumnSpec::width).containsExactly(4, 8);
        assertThat(defs.find("crm")).isPresent();
    }

    @Test
    void layoutMistakesAreReportedWithTheirPath() throws Exception {
        Path yml = dir.resolve("c360.yml");
        Files.writeString(yml, """
                sources:
                  broken:
                    kind: file
                    entities:
                      things:
                        landing: things
                        format: fixed-width
                        columns:
                          - {name: a, type: string}
                """);
        assertThatThrownBy(() -> SourceDefinitions.from(ConfigLoader.withEnvironment(Map.of()).configFile(yml).load()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources.broken.entities.things.columns")
                .hasMessageContaining("width");

        Files.writeString(yml, "sources:\n  odd:\n    kind: ftp\n    entities: {x: {format: jsonl}}\n");
        assertThatThrownBy(() -> SourceDefinitions.from(ConfigLoader.withEnvironment(Map.of()).configFile(yml).load()))
                .hasMessageContaining("sources.odd.kind").hasMessageContaining("ftp");
    }
}
