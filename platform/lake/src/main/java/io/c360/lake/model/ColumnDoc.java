package io.c360.lake.model;

import io.c360.lake.quality.DataTest;

import java.util.List;

/**
 * A documented column of a model: type, description, PII tag, the dimension it belongs to (how
 * a profile document groups it; empty when the model has no dimensions) and its tests.
 */
public record ColumnDoc(String name, String type, String description, boolean pii, String dimension, List<DataTest> tests) {
}
