package io.c360.app.governance;

import io.c360.app.C360Command;
import io.c360.lake.LakeSession;
import io.c360.lifecycle.erasure.Erasure;
import io.c360.lifecycle.erasure.ErasureCertificate;
import io.c360.lifecycle.erasure.ErasureSubject;
import io.c360.lifecycle.erasure.RawZoneEraser;
import io.c360.lifecycle.erasure.WorkspaceScan;
import io.c360.runtime.C360Config;
import io.c360.runtime.PostgresService;
import io.c360.runtime.Progress;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "erase", description = {
        "Right to erasure: remove one person from every zone of the platform (raw files and manifests, quarantine,",
        "stage and analytics tables, identity map, golden-record history, old snapshots and files, profile store),",
        "keep tombstones so old raw batches never bring them back, and write an erasure certificate (hashes, counts,",
        "time) to the audit log. The source systems (CRM, core banking, file drops in landing/) are not changed."})
public final class EraseCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    static final class Who {
        @Option(names = "--customer", paramLabel = "CUSTOMER_ID", description = "The customer id (e.g. C0000000042).")
        String customer;
        @Option(names = "--cpf", paramLabel = "CPF", description = "The person's CPF (digits or 000.000.000-00).")
        String cpf;
        @Option(names = "--email", paramLabel = "EMAIL", description = "The person's e-mail.")
        String email;
    }

    @Option(names = "--verify", description = "Afterwards, search every platform file and database for the person's "
            + "identifying values and report where any is left (exit code 1 if so).")
    boolean verify;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        C360Command root = C360Command.of(spec);
        C360Config config = root.config();
        Progress progress = root.progress();
        try (PostgresService postgres = PostgresService.open(config)) {
            SparkSession spark = LakeSession.open(config);
            try {
                Erasure erasure = new Erasure(config, spark, postgres, progress);
                ErasureSubject subject = erasure.resolve(who.customer, who.cpf, who.email);
                ErasureCertificate c = erasure.erase(subject, System.getProperty("user.name", "unknown"));
                progress.info("erased: " + c.rawRecordsRemoved() + " raw records, " + c.lakeRowsDeleted() + " lake rows, "
                        + c.profileStore().values().stream().mapToLong(Long::longValue).sum() + " profile-store rows; "
                        + "certificate " + c.erasureId() + " in the audit log (c360 audit shows it)");
                System.out.println(c.toJson());
                return verify ? verify(spark, postgres, config, subject, progress) : 0;
            } finally {
                spark.stop();
            }
        }
    }

    /** Searches the whole workspace for the person's values: 0 when none is left, 1 (and where) otherwise. */
    static int verify(SparkSession spark, PostgresService postgres, C360Config config, ErasureSubject subject, Progress progress) {
        try (Progress.Step step = progress.start("verify: search every platform file and database", "findings")) {
            WorkspaceScan.Findings found = new WorkspaceScan(spark, postgres).find(subject, config.workspace(), RawZoneEraser.of(config, spark));
            step.add(found.places().size());
            String namesakes = found.namesNotSearched() == 0 ? ""
                    : " (" + found.namesNotSearched() + " of the person's names not searched: other people in the lake carry them too)";
            if (found.places().isEmpty()) {
                step.done("none of the person's identifying values is left" + namesakes);
                return 0;
            }
            step.failed(found.places().size() + " place(s) still hold the person's values" + namesakes);
            found.places().forEach(f -> System.err.println("  still there: " + f));
            return 1;
        }
    }
}
