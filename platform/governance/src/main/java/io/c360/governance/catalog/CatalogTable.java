package io.c360.governance.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A table as the catalog documents it.
 *
 * @param zone    raw, stage, analytics or ops
 * @param builtBy what writes it: a model's SQL file, a connector, or another part of c360
 */
public record CatalogTable(String zone, String name, String description, String owner, String builtBy, List<CatalogColumn> columns) {

    public String dataset() {
        return zone + "." + name;
    }

    public Optional<CatalogColumn> column(String column) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(column)).findFirst();
    }
}
