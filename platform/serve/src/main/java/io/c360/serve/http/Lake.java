package io.c360.serve.http;

import io.c360.governance.catalog.LakeCatalog;
import io.c360.runtime.C360Config;
import io.c360.serve.catalog.OpsTables;
import io.c360.serve.sql.QueryService;
import org.apache.spark.sql.SparkSession;

/** What the server reads from the lake through Spark: the SQL API, the catalog with its lineage, and the log zone. */
public record Lake(QueryService queries, LakeCatalog catalog, OpsTables ops) implements AutoCloseable {

    public static Lake open(SparkSession spark, C360Config config, QueryService.Limits limits) {
        LakeCatalog catalog = LakeCatalog.open(spark, config);
        return new Lake(new QueryService(spark, catalog.docs(), limits), catalog, new OpsTables(spark));
    }

    @Override
    public void close() {
        queries.close();
    }
}
