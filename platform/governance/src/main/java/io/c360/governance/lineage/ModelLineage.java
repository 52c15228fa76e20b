package io.c360.governance.lineage;

import io.c360.lake.ConformFunctions;
import io.c360.lake.model.Model;
import io.c360.lake.model.ModelProject;
import io.c360.lake.model.ModelRunner;
import io.c360.lake.model.SourceRef;
import io.c360.lake.raw.RawReader;
import io.c360.runtime.sources.SourceDefinitions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Derives the lineage of every model from its SQL without reading data: each raw source and each
 * model's output is stood in for by an empty temp view with its schema, every model's SQL is
 * analyzed by Spark against them in dependency order, and {@link PlanLineage} reads the analyzed
 * plan. Tables no model builds (the identity map) are taken with their schema from the lake.
 */
public final class ModelLineage {

    private static final AtomicInteger ANALYSES = new AtomicInteger();

    private final SparkSession spark;
    private final SourceDefinitions sources;
    private final String prefix = "lineage" + ANALYSES.incrementAndGet() + "_";
    private final Map<String, String> views = new LinkedHashMap<>();
    private final Map<String, String> viewOfDataset = new LinkedHashMap<>();
    private final Map<String, LineageGraph.ModelTable> models = new LinkedHashMap<>();
    private final Map<String, List<String>> rawColumns = new LinkedHashMap<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();

    private ModelLineage(SparkSession spark, SourceDefinitions sources) {
        this.spark = spark;
        this.sources = sources;
    }

    /** The lineage of the projects' models (in the order given: stage before analytics), as of {@code asOf}. */
    public static LineageGraph analyze(SparkSession spark, SourceDefinitions sources, List<ModelProject> projects, String asOf) {
        ModelLineage analysis = new ModelLineage(spark, sources);
        ConformFunctions.register(spark);
        try {
            List<Model> all = projects.stream().flatMap(p -> p.models().stream()).toList();
            for (Model m : all) {
                analysis.analyzeModel(m, all, Map.of("as_of", asOf));
            }
        } finally {
            analysis.views.keySet().forEach(v -> spark.catalog().dropTempView(v));
        }
        return new LineageGraph(analysis.models, analysis.rawColumns, analysis.unavailable);
    }

    /** The packaged stage and analytics models. */
    public static LineageGraph ofPackagedModels(SparkSession spark, SourceDefinitions sources, String asOf) {
        return analyze(spark, sources, List.of(ModelProject.fromClasspath("stage"), ModelProject.fromClasspath("analytics")), asOf);
    }

    private void analyzeModel(Model m, List<Model> all, Map<String, String> vars) {
        try {
            String sql = m.sql().withVars(vars, m.table()).whole()
                    .replacingTables(name -> viewOf(tableNamed(name, m, all)))
                    .render(this::rawView, name -> name, "");
            Dataset<Row> result = spark.sql(sql);
            PlanLineage plan = PlanLineage.of(result.queryExecution().analyzed(), Datasets.lakeTablesAnd(views));
            List<PlanLineage.Output> stored = storedColumns(plan);
            models.put(m.table(), new LineageGraph.ModelTable(m.table(), stored, plan.datasetInputs(), plan.datasets()));
            StructType schema = new StructType(stored.stream().map(o -> new StructField(o.name(), o.type(), true,
                    Metadata.empty())).toArray(StructField[]::new));
            register(m.table(), spark.createDataFrame(List.of(), schema));
        } catch (Exception e) { // Spark's AnalysisException is a checked exception Java does not see declared
            unavailable.put(m.table(), firstLine(e));
        }
    }

    /** The output columns of a model's plan that its table stores. */
    public static List<PlanLineage.Output> storedColumns(PlanLineage plan) {
        return plan.outputs().stream().filter(o -> !ModelRunner.NOT_STORED.contains(o.name())).toList();
    }

    /** The lake table a model names ({@code x} by ref(), {@code stage.x} as written). */
    private static String tableNamed(String name, Model reader, List<Model> all) {
        if (name.contains(".")) {
            return name;
        }
        return all.stream().filter(x -> x.name().equals(name)).findFirst().map(Model::table).orElse(reader.zone() + "." + name);
    }

    private String viewOf(String table) {
        String view = viewOfDataset.get(table);
        if (view != null) {
            return view;
        }
        if (unavailable.containsKey(table)) {
            throw new IllegalStateException("it reads " + table + ", whose lineage is unavailable: " + unavailable.get(table));
        }
        if (!spark.catalog().tableExists(table)) {
            throw new IllegalStateException("it reads " + table + ", which no model builds and which does not exist in the lake yet");
        }
        register(table, spark.table(table).limit(0));
        return viewOfDataset.get(table);
    }

    private String rawView(SourceRef ref) {
        String dataset = Datasets.raw(ref.source(), ref.entity());
        if (!viewOfDataset.containsKey(dataset)) {
            Dataset<Row> empty = new RawReader(spark).read(sources.entity(ref.source(), ref.entity()), List.of()).rows()
                    .drop(RawReader.PARSE_ERROR);
            rawColumns.put(dataset, Arrays.asList(empty.columns()));
            register(dataset, empty);
        }
        return viewOfDataset.get(dataset);
    }

    private void register(String dataset, Dataset<Row> rows) {
        String view = (prefix + dataset.replace('.', '_')).toLowerCase(Locale.ROOT);
        rows.createOrReplaceTempView(view);
        views.put(view, dataset);
        viewOfDataset.put(dataset, view);
    }

    private static String firstLine(Exception e) {
        String message = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
