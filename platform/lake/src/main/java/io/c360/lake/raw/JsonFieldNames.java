package io.c360.lake.raw;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The top-level field names used by JSON object lines (strict JSON, or single-quoted), in order of
 * name. Reads only the names, skipping every value: finding a source's new fields this way costs a
 * fraction of Spark's schema inference, which types every nested value of every record.
 */
final class JsonFieldNames {

    private static final JsonFactory JSON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

    private JsonFieldNames() {
    }

    static Set<String> of(Dataset<String> lines) {
        MapPartitionsFunction<String, String> names = JsonFieldNames::namesIn;
        return new TreeSet<>(lines.mapPartitions(names, Encoders.STRING()).distinct().collectAsList());
    }

    private static Iterator<String> namesIn(Iterator<String> lines) {
        Set<String> names = new LinkedHashSet<>();
        while (lines.hasNext()) {
            topLevelNames(lines.next(), names);
        }
        return names.iterator();
    }

    /** Adds the line's top-level field names; a line that is not a JSON object adds none (the reader rejects it). */
    static void topLevelNames(String line, Set<String> into) {
        if (line == null) {
            return;
        }
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                into.add(p.currentName());
                p.nextToken();
                p.skipChildren();
            }
        } catch (IOException e) {
            // a malformed line: the names read before the error count, the line itself is quarantined by the reader
        }
    }
}
