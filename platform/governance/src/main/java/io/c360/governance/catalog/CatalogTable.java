package io.c360.serve.catalog;

import java.util.List;
import java.util.Optional;

/** A lake table as the catalog describes it. */
public record TableDoc(String namespace, String name, String description, List<ColumnDoc> columns) {

    public Optional<ColumnDoc> column(String column) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(column)).findFirst();
    }
}
