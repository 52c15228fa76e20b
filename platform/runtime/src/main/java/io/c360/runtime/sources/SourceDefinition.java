package io.c360.runtime.sources;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** One source system: its connector kind, connector settings and entities. */
public record SourceDefinition(String name, ConnectorKind kind, JsonNode settings, List<EntityLayout> entities) {

    public enum ConnectorKind { HTTP, JDBC, FILE }
}
