package io.c360.governance.catalog;

/** A table or column whose name, description or class of personal data matches a search; column is null for a table. */
public record SearchHit(String zone, String table, String column, String type, String pii, String description) {
}
