package io.c360.governance.openlineage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.c360.governance.lineage.ColumnInput;
import io.c360.governance.lineage.Datasets;
import io.c360.governance.lineage.ModelLineage;
import io.c360.governance.lineage.PlanLineage;
import io.c360.lake.model.ModelRunListener;
import io.c360.lake.model.SourceRef;
import org.apache.spark.sql.types.DataType;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * An OpenLineage RunEvent (spec 2-0-2) for one model build: the job is the model, the run is this
 * build, inputs are the raw sources and tables its plan read, the output is its table with the
 * schema and column-lineage facets. Built by hand with Jackson (no OpenLineage client dependency).
 */
final class RunEvent {

    static final String PRODUCER = "https://github.com/c360/c360/tree/main/platform/governance";
    static final String SCHEMA_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    private static final String FACETS = "https://openlineage.io/spec/facets/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;

    RunEvent(String namespace) {
        this.namespace = namespace;
    }

    /** The column lineage of the plan that built the model, its raw source views named as raw datasets. */
    static PlanLineage lineageOf(ModelRunListener.Built built) {
        Map<String, String> views = new LinkedHashMap<>();
        built.sourceViews().forEach((view, ref) -> views.put(view.toLowerCase(Locale.ROOT), raw(ref)));
        return PlanLineage.of(built.analyzed(), Datasets.lakeTablesAnd(views));
    }

    ObjectNode of(ModelRunListener.Built built, PlanLineage lineage) {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventType", built.run().failed() ? "FAIL" : "COMPLETE");
        event.put("eventTime", built.finishedAt().toString());
        event.put("producer", PRODUCER);
        event.put("schemaURL", SCHEMA_URL);
        event.set("run", run(built));
        event.set("job", job(built));
        ArrayNode inputs = event.putArray("inputs");
        lineage.datasetFields().forEach((dataset, fields) -> inputs.add(dataset(dataset, fields)));
        event.putArray("outputs").add(output(built, lineage));
        return event;
    }

    private ObjectNode run(ModelRunListener.Built built) {
        ObjectNode run = JSON.createObjectNode();
        run.put("runId", UUID.nameUUIDFromBytes((built.runId() + "/" + built.model().table()).getBytes(StandardCharsets.UTF_8)).toString());
        ObjectNode c360 = facet(run.putObject("facets"), "c360", "https://github.com/c360/c360/docs/governance-catalog-lineage.md#c360-run-facet");
        c360.put("runId", built.runId());
        c360.put("status", built.run().status());
        c360.put("startedAt", built.startedAt().toString());
        c360.put("rowsIn", built.run().rowsIn());
        c360.put("rowsOut", built.run().rowsOut());
        c360.put("quarantined", built.run().quarantined());
        built.run().batches().forEach(c360.putArray("rawBatches")::add);
        built.run().failedTests().forEach(c360.putArray("failedTests")::add);
        return run;
    }

    private ObjectNode job(ModelRunListener.Built built) {
        ObjectNode job = JSON.createObjectNode();
        job.put("namespace", namespace);
        job.put("name", built.model().table());
        ObjectNode facets = job.putObject("facets");
        facet(facets, "sql", FACETS + "1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet").put("query", built.sql());
        ObjectNode type = facet(facets, "jobType", FACETS + "2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet");
        type.put("processingType", "BATCH");
        type.put("integration", "C360");
        type.put("jobType", "MODEL");
        return job;
    }

    private ObjectNode output(ModelRunListener.Built built, PlanLineage lineage) {
        List<PlanLineage.Output> stored = ModelLineage.storedColumns(lineage);
        Map<String, DataType> fields = new LinkedHashMap<>();
        stored.forEach(o -> fields.put(o.name(), o.type()));
        ObjectNode out = dataset(built.model().table(), fields);
        ObjectNode columnLineage = facet((ObjectNode) out.get("facets"), "columnLineage",
                FACETS + "1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet");
        ObjectNode byField = columnLineage.putObject("fields");
        for (PlanLineage.Output o : stored) {
            ArrayNode inputFields = byField.putObject(o.name()).putArray("inputFields");
            o.inputs().stream().filter(in -> in.from().dataset() != null).forEach(in -> inputFields.add(inputField(in)));
        }
        ArrayNode rows = columnLineage.putArray("dataset");
        lineage.datasetInputs().forEach(in -> rows.add(inputField(in)));
        ObjectNode stats = facet(out.putObject("outputFacets"), "outputStatistics",
                FACETS + "1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet");
        stats.put("rowCount", built.run().rowsOut());
        return out;
    }

    private ObjectNode inputField(ColumnInput in) {
        ObjectNode f = JSON.createObjectNode();
        f.put("namespace", namespace);
        f.put("name", in.from().dataset());
        f.put("field", in.from().column());
        ObjectNode t = f.putArray("transformations").addObject();
        t.put("type", in.type().name());
        t.put("subtype", in.subtype().name());
        t.put("description", "");
        t.put("masking", in.masking());
        return f;
    }

    private ObjectNode dataset(String name, Map<String, DataType> fields) {
        ObjectNode d = JSON.createObjectNode();
        d.put("namespace", namespace);
        d.put("name", name);
        ObjectNode schema = facet(d.putObject("facets"), "schema", FACETS + "1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet");
        ArrayNode list = schema.putArray("fields");
        fields.forEach((field, type) -> list.addObject().put("name", field).put("type", type.simpleString()));
        return d;
    }

    private static ObjectNode facet(ObjectNode facets, String name, String schemaUrl) {
        ObjectNode f = facets.putObject(name);
        f.put("_producer", PRODUCER);
        f.put("_schemaURL", schemaUrl);
        return f;
    }

    private static String raw(SourceRef ref) {
        return Datasets.raw(ref.source(), ref.entity());
    }
}
