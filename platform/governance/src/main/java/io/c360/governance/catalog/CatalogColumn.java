package io.c360.governance.catalog;

import io.c360.lake.model.PiiKind;

import java.util.Optional;

/** What the catalog says about a column: its type, one-line definition and the class of personal data it holds. */
public record CatalogColumn(String name, String type, String description, Optional<PiiKind> pii) {

    CatalogColumn withPii(Optional<PiiKind> kind) {
        return new CatalogColumn(name, type, description, kind);
    }
}
