package io.c360.lake.model;

/** A raw input of a model: {@code {{ source('crm','customers') }}}. */
public record SourceRef(String source, String entity) {

    public String qualifiedName() {
        return source + "__" + entity;
    }
}
