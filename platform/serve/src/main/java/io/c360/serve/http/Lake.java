package io.c360.serve.http;

import io.c360.serve.catalog.IcebergTableDocs;
import io.c360.serve.catalog.LakeCatalog;
import io.c360.serve.catalog.OpsTables;
import io.c360.serve.catalog.TableDocs;
import io.c360.serve.sql.QueryService;
import org.apache.spark.sql.SparkSession;

/** What the server reads from the lake through Spark: the SQL API, the catalog and the log zone. */
public record Lake(QueryService queries, LakeCatalog catalog, OpsTables ops) implements AutoCloseable {

    public static Lake open(SparkSession spark, QueryService.Limits limits) {
        TableDocs docs = new IcebergTableDocs(spark);
        return new Lake(new QueryService(spark, docs, limits), new LakeCatalog(spark, docs), new OpsTables(spark));
    }

    @Override
    public void close() {
        queries.close();
    }
}
