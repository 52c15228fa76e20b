package io.c360.app.identity;

import io.c360.app.C360Command;
import io.c360.identity.CsvIdentityResolution;
import io.c360.identity.IdentityMapping;
import io.c360.identity.IdentityResolver;
import io.c360.lake.LakeSession;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "resolve", description = "Run the matcher on CSV files of person records (any data, not only c360's):"
        + " dedupe one file, or link several. Writes source,entity,record_key,cluster_id.")
final class IdentityResolveCommand implements Runnable {

    @Option(names = "--input", required = true, paramLabel = "[SOURCE=]FILE",
            description = "CSV file with a header; SOURCE names the mapping's source (needed when it has several).")
    List<String> inputs;

    @Option(names = "--mapping", required = true, paramLabel = "FILE", description = "Mapping of the CSV columns to identity fields.")
    Path mapping;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Clusters CSV to write.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        C360Command root = C360Command.of(spec);
        IdentityMapping m = IdentityMapping.load(mapping);
        Map<String, Path> files = new LinkedHashMap<>();
        for (String in : inputs) {
            int eq = in.indexOf('=');
            files.put(eq < 0 ? "" : in.substring(0, eq), Path.of(eq < 0 ? in : in.substring(eq + 1)));
        }
        SparkSession spark = LakeSession.open(root.config());
        try {
            IdentityResolver.Resolution r = CsvIdentityResolution.resolve(spark, m, files, output, root.progress());
            IdentityOutput.summary(r.stats()).forEach(System.out::println);
            System.out.println("clusters written to " + output);
        } finally {
            spark.stop();
        }
    }
}
