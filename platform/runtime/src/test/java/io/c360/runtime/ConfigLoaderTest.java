package io.c360.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void embeddedDefaultsLiveUnderTheWorkspace() {
        C360Config c = ConfigLoader.withEnvironment(Map.of("C360_HOME", dir.toString())).load();

        assertThat(c.workspace()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(c.get("catalog.uri")).isEqualTo("jdbc:sqlite:" + c.workspace() + "/catalog.db");
        assertThat(c.get("warehouse")).isEqualTo(c.workspace() + "/warehouse");
        assertThat(c.get("spark.master")).isEqualTo("local[*]");
        assertThat(c.embeddedPostgres()).isTrue();
        assertThat(c.settings().get("workspace").origin()).isEqualTo("env C360_HOME");
    }

    @Test
    void fileThenEnvironmentThenFlagsOverride() throws Exception {
        Path yml = dir.resolve("c360.yml");
        Files.writeString(yml, """
                spark:
                  master: spark://file:7077
                postgres:
                  url: jdbc:postgresql://db.example:5432
                  password: from-file
                server:
                  port: 9000
                """);
        C360Config c = ConfigLoader.withEnvironment(Map.of("C360_SPARK_MASTER", "spark://env:7077"))
                .configFile(yml)
                .flags(List.of("server.port=9100"))
                .load();

        assertThat(c.get("spark.master")).isEqualTo("spark://env:7077");
        assertThat(c.getInt("server.port")).isEqualTo(9100);
        assertThat(c.get("postgres.url")).isEqualTo("jdbc:postgresql://db.example:5432");
        assertThat(c.settings().get("postgres.url").origin()).isEqualTo(yml.toString());
        assertThat(c.embeddedPostgres()).isFalse();
    }

    @Test
    void secretsAreMaskedForDisplay() {
        assertThat(C360Config.displayValue("postgres.password", "hunter2")).isEqualTo("****");
        assertThat(C360Config.displayValue("sources.crm.auth-header", "Bearer abc")).isEqualTo("****");
        assertThat(C360Config.displayValue("catalog.uri", "jdbc:postgresql://h/db?user=u&password=p4ss"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=****");
        assertThat(C360Config.displayValue("warehouse", "s3a://key:secret@bucket/wh")).isEqualTo("s3a://key:****@bucket/wh");
        assertThat(C360Config.displayValue("spark.master", "local[*]")).isEqualTo("local[*]");
    }

    @Test
    void badInputIsNamed() throws Exception {
        Path yml = dir.resolve("bad.yml");
        Files.writeString(yml, "- just\n- a list\n");
        assertThatThrownBy(() -> ConfigLoader.withEnvironment(Map.of()).configFile(yml).load())
                .isInstanceOf(ConfigException.class).hasMessageContaining("bad.yml").hasMessageContaining("mapping");
        assertThatThrownBy(() -> ConfigLoader.withEnvironment(Map.of()).flags(List.of("no-equals-sign")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("key=value");
        C360Config c = ConfigLoader.withEnvironment(Map.of()).flags(List.of("server.port=eighty")).load();
        assertThatThrownBy(() -> c.getInt("server.port")).hasMessageContaining("server.port").hasMessageContaining("eighty");
        assertThatThrownBy(() -> ConfigLoader.withEnvironment(Map.of()).configFile(dir.resolve("missing.yml")).load())
                .hasMessageContaining("missing.yml");
    }
}
