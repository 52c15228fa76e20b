package io.c360.runtime.sources;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * How one entity of a source is delivered: where its files land, which files belong to it and
 * how to read them. For http and jdbc entities the landing/pattern fields describe optional file
 * drops and {@link #settings()} holds the connector's own keys (table, bookmark, ...).
 */
public record EntityLayout(
        String source,
        String entity,
        String landing,
        String pattern,
        LayoutFormat format,
        boolean header,
        String delimiter,
        String encoding,
        List<ColumnSpec> columns,
        JsonNode settings) {

    /** {@code <source>__<entity>}, the suffix of the raw view and stage table names. */
    public String qualifiedName() {
        return source + "__" + entity;
    }

    public boolean hasLanding() {
        return landing != null && !landing.isBlank();
    }
}
