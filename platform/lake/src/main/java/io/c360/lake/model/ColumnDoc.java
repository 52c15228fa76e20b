package io.c360.lake.model;

import io.c360.lake.quality.DataTest;

import java.util.List;

/** A documented column of a model: type, description, PII tag and its tests. */
public record ColumnDoc(String name, String type, String description, boolean pii, List<DataTest> tests) {
}
