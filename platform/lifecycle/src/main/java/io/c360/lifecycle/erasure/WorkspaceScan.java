package io.c360.lifecycle.erasure;

import io.c360.runtime.PostgresService;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

/**
 * Looks for a person's identifying values everywhere the platform keeps data, to prove an
 * erasure: every file of the workspace but the source systems' own ({@code landing/}, {@code truth/})
 * and the PostgreSQL data folder — text files byte by byte, gzip files decompressed, Avro files
 * (Iceberg manifests) record by record, Parquet files (raw extracts, Iceberg data) row by row with
 * Spark — then every row of every table of the platform's databases ({@code c360},
 * {@code iceberg_catalog}). Values are searched lower-case; CRM client ids, which are short
 * numbers, are searched as values of {@code *client_id} columns and as key fields of raw records.
 * Findings name the place and the kind of value, never the value.
 */
public final class WorkspaceScan {

    public static final List<String> PLATFORM_DATABASES = List.of("c360", "iceberg_catalog");
    private static final Set<String> SOURCE_FOLDERS = Set.of("landing", "truth", "postgres");

    private final SparkSession spark;
    private final PostgresService postgres;

    public WorkspaceScan(SparkSession spark, PostgresService postgres) {
        this.spark = spark;
        this.postgres = postgres;
    }

    /**
     * Where the person's values were found, e.g. {@code raw/crm/.../customers.ndjson: email} (none = erased), and how
     * many of the person's names were not searched for because other people in the lake carry them too.
     */
    public record Findings(List<String> places, int namesNotSearched) {
    }

    public Findings find(ErasureSubject subject, Path workspace, RawZoneEraser raw) {
        Set<String> namesakes = new SubjectResolver(spark).namesCarriedByOthers(subject);
        Map<String, String> needles = needles(subject);
        needles.keySet().removeAll(namesakes);
        List<String> found = new ArrayList<>();
        Map<Path, List<Path>> parquetByFolder = new LinkedHashMap<>();
        try (Stream<Path> all = Files.walk(workspace)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                Path rel = workspace.relativize(p);
                if (SOURCE_FOLDERS.contains(rel.getName(0).toString()) || p.getFileName().toString().endsWith(".crc")) {
                    continue;
                }
                String name = p.getFileName().toString();
                if (name.endsWith(".parquet")) {
                    parquetByFolder.computeIfAbsent(p.getParent(), k -> new ArrayList<>()).add(p);
                } else {
                    String text = name.endsWith(".avro") ? avroText(p) : fileText(p, name.endsWith(".gz"));
                    contained(text, needles).forEach(kind -> found.add(rel + ": " + kind));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + workspace, e);
        }
        parquetByFolder.forEach((dir, files) -> found.addAll(parquetFindings(workspace, dir, files, needles, subject.keys(KeyKind.CLIENT))));
        raw.remainingRecords(subject).forEach((file, n) -> found.add(file + ": " + n + " record(s) with the person's source keys"));
        found.addAll(databaseFindings(needles));
        return new Findings(found, namesakes.size());
    }

    /** Lower-case value → its kind (email, national_id, phone, name). */
    private static Map<String, String> needles(ErasureSubject subject) {
        Map<String, String> out = new LinkedHashMap<>();
        subject.identifiers().forEach((kind, values) -> {
            for (String v : values) {
                ErasureSubject one = new ErasureSubject();
                one.addIdentifier(kind, v);
                one.searchableIdentifiers().forEach(s -> out.putIfAbsent(s, kind));
            }
        });
        for (KeyKind k : List.of(KeyKind.VISITOR, KeyKind.CARD)) {
            subject.keys(k).stream().filter(v -> v.length() >= 8).forEach(v -> out.putIfAbsent(v.toLowerCase(Locale.ROOT), k.name().toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    private static List<String> contained(String text, Map<String, String> needles) {
        String lower = text.toLowerCase(Locale.ROOT);
        return needles.entrySet().stream().filter(e -> lower.contains(e.getKey())).map(Map.Entry::getValue).distinct().toList();
    }

    private static String fileText(Path p, boolean gz) {
        try (InputStream in = gz ? new GZIPInputStream(Files.newInputStream(p)) : Files.newInputStream(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** Avro records rendered as text; byte buffers (Iceberg's column bounds) render as their characters. */
    private static String avroText(Path p) {
        StringBuilder out = new StringBuilder();
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(p.toFile(), new GenericDatumReader<>())) {
            for (GenericRecord r : reader) {
                out.append(r).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Avro file " + p, e);
        }
        return out.toString();
    }

    /** One Spark pass per folder: a flag per searched value, and one for the client-id columns. */
    private List<String> parquetFindings(Path workspace, Path dir, List<Path> files, Map<String, String> needles, Set<String> clients) {
        String[] paths = files.stream().map(f -> f.toUri().toString()).toArray(String[]::new);
        Dataset<Row> rows = spark.read().option("mergeSchema", "true").parquet(paths);
        Column text = lower(to_json(struct(col("*"))));
        List<String> kinds = new ArrayList<>();
        List<Column> flags = new ArrayList<>();
        needles.forEach((value, kind) -> {
            kinds.add(kind);
            flags.add(max(text.contains(value).cast("int")));
        });
        Column person = lit(false);
        for (String c : rows.columns()) {
            if (c.toLowerCase(Locale.ROOT).endsWith("client_id") && !clients.isEmpty()) {
                person = person.or(col("`" + c + "`").cast("string").isin(clients.toArray()));
            }
        }
        kinds.add("client id");
        flags.add(max(person.cast("int")));
        Row found = rows.agg(flags.get(0), flags.subList(1, flags.size()).toArray(Column[]::new)).first();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            if (!found.isNullAt(i) && found.getInt(i) == 1) {
                out.add(workspace.relativize(dir) + "/*.parquet: " + kinds.get(i));
            }
        }
        return out.stream().distinct().toList();
    }

    private List<String> databaseFindings(Map<String, String> needles) {
        List<String> out = new ArrayList<>();
        for (String db : PLATFORM_DATABASES) {
            try (Connection c = postgres.connect(db); Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) "
                        + "FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                        + "AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String t : tables) {
                    try (ResultSet rs = s.executeQuery("SELECT t::text FROM " + t + " t")) {
                        while (rs.next()) {
                            contained(rs.getString(1), needles).forEach(kind -> out.add("database " + db + " table " + t + ": " + kind));
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot scan database " + db + ": " + e.getMessage(), e);
            }
        }
        return out.stream().distinct().toList();
    }
}
