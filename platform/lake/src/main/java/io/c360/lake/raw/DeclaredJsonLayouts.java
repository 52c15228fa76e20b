package io.c360.lake.raw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.c360.runtime.sources.EntityLayout;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The declared JSON layouts of jsonl entities ({@code raw-json-schemas.yml}, Spark DDL). */
final class DeclaredJsonLayouts {

    private static final String RESOURCE = "raw-json-schemas.yml";
    private final JsonNode byEntity;

    private DeclaredJsonLayouts(JsonNode byEntity) {
        this.byEntity = byEntity;
    }

    static DeclaredJsonLayouts load() {
        try (InputStream in = DeclaredJsonLayouts.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new DeclaredJsonLayouts(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    Optional<StructType> of(EntityLayout layout) {
        JsonNode ddl = byEntity.get(layout.source() + "." + layout.entity());
        return ddl == null ? Optional.empty() : Optional.of(StructType.fromDDL(ddl.asText()));
    }
}
