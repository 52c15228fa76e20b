package io.c360.serve.catalog;

import io.c360.lake.LakeSession;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.TableCatalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The tables of the lake's namespaces (stage, analytics, ops) and their documentation. */
public final class LakeCatalog {

    /** One table in a listing. */
    public record TableName(String namespace, String name) {
    }

    private final SparkSession spark;
    private final TableDocs docs;

    public LakeCatalog(SparkSession spark, TableDocs docs) {
        this.spark = spark;
        this.docs = docs;
    }

    public List<TableName> tables() {
        TableCatalog catalog = (TableCatalog) spark.sessionState().catalogManager().catalog(LakeSession.CATALOG);
        List<TableName> out = new ArrayList<>();
        for (String ns : LakeSession.NAMESPACES) {
            try {
                Arrays.stream(catalog.listTables(new String[] {ns})).map(Identifier::name).forEach(t -> out.add(new TableName(ns, t)));
            } catch (NoSuchNamespaceException e) {
                // a namespace nobody has written to yet has no tables
            }
        }
        out.sort(Comparator.comparing(TableName::namespace).thenComparing(TableName::name));
        return out;
    }

    public Optional<TableDoc> describe(String namespace, String table) {
        if (!LakeSession.NAMESPACES.contains(namespace)) {
            return Optional.empty();
        }
        return docs.describe(namespace, table);
    }
}
