package io.c360.serve.catalog;

import io.c360.serve.pii.PiiKind;

import java.util.Optional;

/** What the catalog says about a column: its one-line definition and whether it holds personal data. */
public record ColumnDoc(String name, String type, String description, Optional<PiiKind> pii) {
}
