package io.c360.serve.publish;

import io.c360.lake.model.ModelProject;
import io.c360.runtime.Progress;
import io.c360.serve.store.Profile;
import io.c360.serve.store.ProfileStore;
import io.c360.serve.store.ProfileVersion;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.Iterator;


/**
 * Publishes {@code analytics.customer_360} with {@code analytics.customer_lookup_keys} to the
 * profile store: rows are streamed to the driver partition by partition (toLocalIterator, never
 * collected), turned into grouped profile documents and handed to {@link ProfileStore#publish},
 * which makes the publish atomic and rewrites only the changed profiles.
 */
public final class Customer360Publisher {

    private static final String PROFILES = """
            SELECT c.*, k.lookup_keys
            FROM analytics.customer_360 c
            LEFT JOIN (SELECT customer_id, sort_array(collect_list(struct(kind, key))) AS lookup_keys
                       FROM analytics.customer_lookup_keys GROUP BY customer_id) k
              ON k.customer_id = c.customer_id""";

    private final SparkSession spark;
    private final ProfileStore store;

    public Customer360Publisher(SparkSession spark, ProfileStore store) {
        this.spark = spark;
        this.store = store;
    }

    /**
     * @param runId the analytics run the profiles come from (the store's version records it)
     * @param step  counts the profiles as they are streamed
     */
    public ProfileVersion publish(String runId, Progress.Step step) {
        return store.publish(runId, profiles(step));
    }

    /** The profiles as they would be published, streamed from Spark (the bench times this part alone). */
    public Iterator<Profile> profiles(Progress.Step step) {
        Dataset<Row> rows = spark.sql(PROFILES);
        ProfileDocument document = new ProfileDocument(
                ModelProject.fromClasspath("analytics").get("customer_360").spec().columns(), rows.schema());
        Iterator<Row> source = rows.toLocalIterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public Profile next() {
                step.add(1);
                return document.profile(source.next());
            }
        };
    }
}
