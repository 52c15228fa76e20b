package io.c360.lake.model;

import io.c360.lake.quality.DataTest;

import java.util.List;
import java.util.Optional;

/**
 * A documented column of a model: type, description, class of personal data it holds, the dimension it belongs to (how
 * a profile document groups it; empty when the model has no dimensions) and its tests.
 */
public record ColumnDoc(String name, String type, String description, Optional<PiiKind> pii, String dimension, List<DataTest> tests) {
}
