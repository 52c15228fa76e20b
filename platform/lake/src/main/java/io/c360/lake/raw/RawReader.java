package io.c360.lake.raw;

import io.c360.runtime.sources.ColumnSpec;
import io.c360.runtime.sources.EntityLayout;
import io.c360.runtime.sources.LayoutFormat;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

/**
 * Reads raw batches into a DataFrame with the declared column names, every value as text (the
 * stage models type them, so a bad value is quarantined with a reason instead of becoming null;
 * Parquet's declared columns keep the type every batch gives them),
 * plus lineage: batch id, file name, line number, the raw record (text; for Parquet a struct of the
 * row's values, see {@link #recordText}), when it was ingested, and a parse error for records that
 * could not even be split into fields.
 */
public final class RawReader {

    public static final String BATCH_ID = "_batch_id";
    public static final String SOURCE_FILE = "_source_file";
    public static final String INGESTED_AT = "_ingested_at";
    public static final String RAW_LINE = "_raw_line";
    public static final String RAW_RECORD = "_raw_record";
    public static final String PARSE_ERROR = "_parse_error";
    public static final List<String> LINEAGE = List.of(BATCH_ID, SOURCE_FILE, INGESTED_AT, RAW_LINE, RAW_RECORD, PARSE_ERROR);

    private static final StructType LINE_SCHEMA = new StructType()
            .add("value", DataTypes.StringType, false)
            .add(RAW_LINE, DataTypes.LongType, false)
            .add(BATCH_ID, DataTypes.StringType, false)
            .add(SOURCE_FILE, DataTypes.StringType, false)
            .add(INGESTED_AT, DataTypes.StringType, true);
    private static final String CORRUPT = "_corrupt_record";
    private static final long MIN_SPLIT = 8L << 20;
    private static final long MAX_SPLIT = 128L << 20;
    /** A quoted CSV field, removed before counting delimiters. */
    private static final String QUOTED_FIELD = "\"([^\"]|\"\")*\"";

    private final SparkSession spark;
    private final DeclaredJsonLayouts jsonLayouts = DeclaredJsonLayouts.load();
    /** Field names found by a pass over JSON batches, by source, entity and batch ids. */
    private final Map<List<String>, Set<String>> jsonFieldNames = new ConcurrentHashMap<>();

    public RawReader(SparkSession spark) {
        this.spark = spark;
    }

    public RawRead read(EntityLayout layout, List<RawBatch> batches) {
        if (!StandardCharsets.UTF_8.name().equalsIgnoreCase(layout.encoding().replace("UTF8", "UTF-8"))) {
            throw new IllegalArgumentException("sources." + layout.source() + ".entities." + layout.entity() + ".encoding: '"
                    + layout.encoding() + "' is not supported by the raw reader yet, expected UTF-8");
        }
        return switch (layout.format()) {
            case PARQUET -> new RawRead(parquet(layout, batches), List.of());
            case JSONL -> jsonl(layout, batches);
            case DELIMITED, FIXED_WIDTH -> text(layout, batches);
        };
    }

    // ---- delimited and fixed-width text

    private RawRead text(EntityLayout layout, List<RawBatch> batches) {
        List<RawFile> files = RawFile.of(batches);
        if (files.isEmpty()) {
            return new RawRead(empty(declaredTextSchema(layout)), List.of());
        }
        if (layout.format() == LayoutFormat.FIXED_WIDTH) {
            return new RawRead(fixedWidth(layout, files), List.of());
        }
        // files with the same column names are read as one dataset: one Spark plan, not one per file
        Map<List<String>, List<RawFile>> byHeader = new LinkedHashMap<>();
        for (RawFile f : files) {
            List<String> names = layout.header() ? headerOf(f.path(), layout.delimiter()) : declaredNames(layout);
            byHeader.computeIfAbsent(names, k -> new ArrayList<>()).add(f);
        }
        Set<String> missing = new LinkedHashSet<>();
        List<Dataset<Row>> parts = new ArrayList<>();
        byHeader.forEach((names, group) -> parts.add(delimited(layout, names, group, missing)));
        return new RawRead(unionAll(parts), List.copyOf(missing));
    }

    private Dataset<Row> delimited(EntityLayout layout, List<String> names, List<RawFile> files, Set<String> missing) {
        Dataset<Row> lines = lines(files);
        if (layout.header()) {
            lines = lines.filter(col(RAW_LINE).gt(1));
        }
        StructType schema = textSchema(names);
        Column parsed = from_csv(col("value"), lit(schema.toDDL()), Map.of("sep", layout.delimiter()));
        Column fields = size(split(regexp_replace(col("value"), QUOTED_FIELD, ""), Pattern.quote(layout.delimiter()), -1));
        Column error = when(fields.notEqual(names.size()), concat(lit("line has "), fields.cast("string"),
                lit(" fields, expected " + names.size() + " (" + String.join(",", names) + ")")));
        List<Column> out = new ArrayList<>();
        for (ColumnSpec c : layout.columns()) {
            if (names.contains(c.name())) {
                out.add(parsed.getField(c.name()).alias(c.name()));
            } else {
                if (!c.optional()) {
                    missing.add(c.name());
                }
                out.add(lit(null).cast("string").alias(c.name()));
            }
        }
        Set<String> declared = layout.columns().stream().map(ColumnSpec::name).collect(Collectors.toSet());
        names.stream().filter(n -> !declared.contains(n)).forEach(n -> out.add(parsed.getField(n).alias(n)));
        out.add(error.alias(PARSE_ERROR));
        return lines.withColumn("parsed", parsed).select(withLineage(out));
    }

    private Dataset<Row> fixedWidth(EntityLayout layout, List<RawFile> files) {
        List<Column> out = new ArrayList<>();
        int position = 1;
        for (ColumnSpec c : layout.columns()) {
            out.add(trim(substring(col("value"), position, c.width())).alias(c.name()));
            position += c.width();
        }
        int total = position - 1;
        out.add(when(length(col("value")).lt(total), concat(lit("line has "), length(col("value")).cast("string"),
                lit(" characters, expected at least " + total))).alias(PARSE_ERROR));
        return lines(files).select(withLineage(out));
    }

    // ---- JSON lines (strict JSON or Python dict repr)

    private RawRead jsonl(EntityLayout layout, List<RawBatch> batches) {
        List<RawFile> files = RawFile.of(batches);
        StructType declared = jsonLayouts.of(layout).orElse(new StructType());
        if (files.isEmpty()) {
            return new RawRead(empty(declared), List.of());
        }
        Dataset<Row> lines = lines(files).withColumn("json", strictJson(col("value")));
        Set<String> present = fieldNames(layout, batches, lines.select("json").as(Encoders.STRING()));
        List<String> missing = Arrays.stream(declared.fieldNames()).filter(n -> !present.contains(n)).toList();
        StructType schema = declared;
        for (String name : present) {
            if (!Arrays.asList(declared.fieldNames()).contains(name)) {
                schema = schema.add(name, DataTypes.StringType); // a new object or array field arrives as its JSON text
            }
        }
        Column parsed = from_json(col("json"), schema.add(CORRUPT, DataTypes.StringType),
                Map.of("allowSingleQuotes", "true", "columnNameOfCorruptRecord", CORRUPT, "mode", "PERMISSIVE"));
        List<Column> out = new ArrayList<>();
        for (String name : schema.fieldNames()) {
            out.add(col("parsed").getField(name).alias(name));
        }
        out.add(when(col("parsed").isNull().or(col("parsed").getField(CORRUPT).isNotNull()),
                lit("line is not a JSON object")).alias(PARSE_ERROR));
        return new RawRead(lines.withColumn("parsed", parsed).select(withLineage(out)), missing);
    }

    /**
     * The top-level field names of the batches' records: from their manifests when the connector wrote them there,
     * else found by one pass over the records, shared by the models that read the same batches (batches never change).
     */
    private Set<String> fieldNames(EntityLayout layout, List<RawBatch> batches, Dataset<String> json) {
        if (batches.stream().allMatch(b -> b.manifest().fieldNames() != null)) {
            Set<String> names = new TreeSet<>();
            batches.forEach(b -> names.addAll(b.manifest().fieldNames()));
            return names;
        }
        List<String> read = new ArrayList<>(List.of(layout.source(), layout.entity()));
        batches.forEach(b -> read.add(b.id()));
        return jsonFieldNames.computeIfAbsent(read, ids -> JsonFieldNames.of(json));
    }

    /** Python dict repr lines use None/True/False; Spark's JSON reader already accepts the quotes. */
    private static Column strictJson(Column line) {
        String before = "(?<=[:\\[,]\\s{0,3})";
        String after = "(?=\\s*[,}\\]])";
        Column fixed = regexp_replace(regexp_replace(regexp_replace(line,
                before + "None" + after, "null"), before + "True" + after, "true"), before + "False" + after, "false");
        return when(line.startsWith("{'"), fixed).otherwise(line);
    }

    // ---- Parquet (JDBC extracts)

    private Dataset<Row> parquet(EntityLayout layout, List<RawBatch> batches) {
        Map<RawBatch, Dataset<Row>> extracts = new LinkedHashMap<>();
        for (RawBatch batch : batches) {
            extracts.put(batch, spark.read().parquet(batch.files().stream().map(Path::toString).toArray(String[]::new)));
        }
        Map<String, DataType> types = columnTypes(layout, extracts.values());
        List<Dataset<Row>> parts = new ArrayList<>();
        extracts.forEach((batch, df) -> {
            Set<String> present = Set.of(df.columns());
            Column[] fields = types.entrySet().stream().map(t -> (present.contains(t.getKey()) ? col(t.getKey()) : lit(null))
                    .cast(t.getValue()).alias(t.getKey())).toArray(Column[]::new);
            List<Column> out = new ArrayList<>(Arrays.asList(fields));
            out.add(lit(batch.id()).alias(BATCH_ID));
            // the file name after the last '/': a regular expression here took 29 % of a stage run's CPU
            out.add(substring_index(input_file_name(), "/", -1).alias(SOURCE_FILE));
            out.add(ingestedAt(batch).alias(INGESTED_AT));
            out.add(lit(null).cast("long").alias(RAW_LINE));
            out.add(struct(fields).alias(RAW_RECORD));
            out.add(lit(null).cast("string").alias(PARSE_ERROR));
            parts.add(df.select(out.toArray(Column[]::new)));
        });
        return parts.isEmpty() ? empty(declaredTextSchema(layout)) : unionAll(parts);
    }

    /**
     * The type of each column of the batches. A declared column keeps its Parquet type when every batch has that
     * type: a value the extract already typed would otherwise be formatted as text for the model to parse it back,
     * for every row. A column whose type differs between batches, or that the layout does not
     * declare, is text like every other source's, so the model quarantines what does not convert.
     */
    private static Map<String, DataType> columnTypes(EntityLayout layout, Collection<Dataset<Row>> batches) {
        Map<String, Set<DataType>> seen = new LinkedHashMap<>();
        batches.forEach(df -> Arrays.stream(df.schema().fields())
                .forEach(f -> seen.computeIfAbsent(f.name(), n -> new HashSet<>()).add(f.dataType())));
        List<String> declared = declaredNames(layout);
        Map<String, DataType> types = new LinkedHashMap<>();
        seen.forEach((name, found) -> types.put(name, declared.contains(name) && found.size() == 1
                ? found.iterator().next() : DataTypes.StringType));
        return types;
    }

    /**
     * The raw record as text. A Parquet row carries its record as a struct of its values, written as JSON only
     * where it is shown (a quarantined row, a raw view): building it for all 2 M rows of a bench took longer than
     * the rest of their model.
     */
    public static Column recordText(Dataset<Row> rows) {
        return rows.schema().apply(RAW_RECORD).dataType() instanceof StructType ? to_json(col(RAW_RECORD)) : col(RAW_RECORD);
    }

    // ---- shared

    /**
     * The lines of many raw files as one dataset, numbered from 1 per file, without blank lines, BOM
     * stripped. A file up to a split's size is read whole by one task (its line numbers need no extra pass);
     * a larger one in splits (see {@link RawSplit}). A batch of hundreds of small files is one plan rather
     * than a union of hundreds.
     */
    private Dataset<Row> lines(List<RawFile> files) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int cores = spark.sparkContext().defaultParallelism();
        List<RawSplit> splits = numbered(context, RawSplit.of(files, splitBytes(files, cores)));
        int parts = (int) splits.stream().filter(s -> !s.wholeFile()).count();
        int slices = Math.max(1, Math.min(splits.size(), Math.max(cores * 2, parts)));
        JavaRDD<Row> rows = context.parallelize(splits, slices).flatMap(RawSplit::numberedLines);
        return spark.createDataFrame(rows, LINE_SCHEMA)
                .withColumn(INGESTED_AT, col(INGESTED_AT).cast("timestamp"));
    }

    /** About a quarter of the input per core, at least {@value #MIN_SPLIT} bytes and at most {@value #MAX_SPLIT}. */
    private static long splitBytes(List<RawFile> files, int cores) {
        long total = files.stream().mapToLong(RawFile::bytes).sum();
        return Math.max(MIN_SPLIT, Math.min(MAX_SPLIT, total / (2L * cores)));
    }

    /** The splits of split files with the line numbers they start at, from one parallel pass counting their lines. */
    private static List<RawSplit> numbered(JavaSparkContext context, List<RawSplit> splits) {
        List<RawSplit> parts = splits.stream().filter(s -> !s.wholeFile()).toList();
        if (parts.isEmpty()) {
            return splits;
        }
        Iterator<Long> counts = context.parallelize(parts, parts.size()).map(RawSplit::lineCount).collect().iterator();
        List<RawSplit> out = new ArrayList<>();
        long before = 0;
        for (RawSplit s : splits) {
            if (s.wholeFile()) {
                out.add(s);
                continue;
            }
            before = s.start() == 0 ? 0 : before;
            out.add(s.numberedFrom(before));
            before += counts.next();
        }
        return out;
    }

    private static Column ingestedAt(RawBatch batch) {
        return lit(batch.ingestedAt()).cast("timestamp");
    }

    private static Column[] withLineage(List<Column> fields) {
        List<Column> out = new ArrayList<>(fields);
        out.add(col(BATCH_ID));
        out.add(col(SOURCE_FILE));
        out.add(col(INGESTED_AT));
        out.add(col(RAW_LINE));
        out.add(col("value").alias(RAW_RECORD));
        return out.toArray(Column[]::new);
    }

    private List<String> headerOf(Path file, String delimiter) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                file.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(file), StandardCharsets.UTF_8))) {
            String first = in.readLine();
            if (first == null) {
                return List.of();
            }
            if (first.startsWith("\uFEFF")) {
                first = first.substring(1);
            }
            return Arrays.stream(first.split(Pattern.quote(delimiter), -1))
                    .map(h -> h.trim().replaceAll("^\"|\"$", "")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the header line of raw file " + file, e);
        }
    }

    private static List<String> declaredNames(EntityLayout layout) {
        return layout.columns().stream().map(ColumnSpec::name).toList();
    }

    private static StructType textSchema(List<String> names) {
        StructType schema = new StructType();
        for (String n : names) {
            schema = schema.add(n, DataTypes.StringType);
        }
        return schema;
    }

    private static StructType declaredTextSchema(EntityLayout layout) {
        return textSchema(declaredNames(layout));
    }

    /** No batch yet: the declared fields and the lineage columns, no rows. */
    private Dataset<Row> empty(StructType fields) {
        StructType schema = fields
                .add(PARSE_ERROR, DataTypes.StringType)
                .add(BATCH_ID, DataTypes.StringType)
                .add(SOURCE_FILE, DataTypes.StringType)
                .add(INGESTED_AT, DataTypes.TimestampType)
                .add(RAW_LINE, DataTypes.LongType)
                .add(RAW_RECORD, DataTypes.StringType);
        return spark.createDataFrame(List.of(), schema);
    }

    private static Dataset<Row> unionAll(List<Dataset<Row>> parts) {
        Dataset<Row> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = all.unionByName(parts.get(i), true);
        }
        return all;
    }
}
