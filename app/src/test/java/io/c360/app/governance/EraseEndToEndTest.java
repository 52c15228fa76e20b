package io.c360.app.governance;

import io.c360.app.CliTest;
import io.c360.app.SimulatedCompanyCli;
import io.c360.lifecycle.erasure.ErasureCertificate;
import io.c360.runtime.C360Config;
import io.c360.runtime.ConfigLoader;
import io.c360.runtime.PostgresService;
import io.c360.serve.audit.AuditEvent;
import io.c360.serve.audit.AuditLog;
import io.c360.serve.store.LookupKey;
import io.c360.serve.store.ProfileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `c360 erase` on a small simulated company, driven through the CLI: the person is gone from every
 * platform file and database (the command's own full scan, plus independent checks here), the
 * certificate holds hashes only, a new pipeline run does not bring them back, and neither does a
 * raw backup from before the erasure (tombstones).
 */
class EraseEndToEndTest {

    @TempDir
    Path workspace;
    @TempDir
    Path backup;

    private SimulatedCompanyCli company;

    @AfterEach
    void stopCrm() throws InterruptedException {
        company.close();
    }

    @Test
    void theErasedPersonIsGoneFromEveryPlatformZoneAndStaysGone() throws Exception {
        company = new SimulatedCompanyCli(workspace);
        assertThat(c360("sources", "generate", "--customers", "60", "--months", "2", "--seed", "11").exit()).isZero();
        company.startCrm();
        CliTest.Result run = c360("run");
        assertThat(run.exit()).as(run.err()).isZero();

        String customer = sql("SELECT i.customer_id FROM analytics.customer_identity i JOIN stage.stg_crm__customers c "
                + "ON i.source = 'crm' AND i.record_key = CAST(c.client_id AS STRING) WHERE c.email IS NOT NULL "
                + "AND c.national_id IS NOT NULL AND i.customer_id IN (SELECT customer_id FROM analytics.customer_identity "
                + "WHERE source = 'dispositions') ORDER BY i.customer_id LIMIT 1");
        String[] person = sql("SELECT concat_ws(';', concat_ws(' ', collect_set(CAST(c.client_id AS STRING))), "
                + "concat_ws(' ', collect_set(c.email)), concat_ws(' ', collect_set(c.national_id))) "
                + "FROM analytics.customer_identity i JOIN stage.stg_crm__customers c ON i.source = 'crm' "
                + "AND i.record_key = CAST(c.client_id AS STRING) WHERE i.customer_id = '" + customer + "'").split(";");
        List<String> clients = Arrays.asList(person[0].split(" "));
        String email = person[1].split(" ")[0];
        String cpf = person[2].split(" ")[0];
        String cpfFormatted = cpf.substring(0, 3) + "." + cpf.substring(3, 6) + "." + cpf.substring(6, 9) + "-" + cpf.substring(9);
        assertThat(rawTextContaining(email)).as("the person's e-mail is in raw before the erasure").isNotEmpty();
        copyTree(workspace.resolve("raw/crm"), backup.resolve("crm"));
        recordAccesses(customer, email);

        CliTest.Result erased = c360("erase", "--customer", customer, "--verify");
        assertThat(erased.exit()).as(erased.out() + erased.err()).isZero();
        assertThat(erased.out() + erased.err()).contains("none of the person's identifying values is left");

        // independent of the command's own scan
        assertThat(rawTextContaining(email)).isEmpty();
        assertThat(rawTextContaining(cpf)).isEmpty();
        assertThat(rawTextContaining(cpfFormatted)).isEmpty();
        String inClients = "(" + String.join(", ", clients) + ")";
        assertThat(sql("SELECT count(*) FROM stage.stg_crm__customers WHERE client_id IN " + inClients)).isEqualTo("0");
        assertThat(sql("SELECT count(*) FROM stage.stg_dispositions__dispositions WHERE client_id IN " + inClients)).isEqualTo("0");
        assertThat(sql("SELECT (SELECT count(*) FROM analytics.customer_identity WHERE customer_id = '" + customer + "') "
                + "+ (SELECT count(*) FROM analytics.dim_customer WHERE customer_id = '" + customer + "') "
                + "+ (SELECT count(*) FROM analytics.customer_360 WHERE customer_id = '" + customer + "')")).isEqualTo("0");
        try (PostgresService pg = PostgresService.open(config())) {
            ProfileStore store = ProfileStore.open(pg);
            assertThat(store.find(customer)).isEmpty();
            assertThat(store.findByKey(LookupKey.of("email", email))).isEmpty();
        }

        CliTest.Result audit = c360("audit", "--limit", "500");
        assertThat(audit.out()).contains("erasure").contains(ErasureCertificate.sha256(email))
                .doesNotContain(email).doesNotContain(cpf).doesNotContain(cpfFormatted);
        CliTest.Result accesses = c360("audit", "--customer", customer);
        assertThat(accesses.out()).as("who read the person's data stays on record").contains("profile.read").contains("ada");

        CliTest.Result rerun = c360("run");
        assertThat(rerun.exit()).as(rerun.err()).isZero();
        assertThat(sql("SELECT count(*) FROM stage.stg_crm__customers WHERE client_id IN " + inClients)).isEqualTo("0");
        assertThat(sql("SELECT count(*) FROM analytics.customer_360 WHERE email = '" + email + "'")).isEqualTo("0");

        // a raw backup from before the erasure is restored and the stage rebuilt from raw: tombstones keep the person out
        copyTree(backup.resolve("crm"), workspace.resolve("raw/crm"));
        assertThat(rawTextContaining(email)).isNotEmpty();
        CliTest.Result reprocess = c360("transform", "stage", "--reprocess", "--select", "stg_crm__customers");
        assertThat(reprocess.exit()).as(reprocess.err()).isZero();
        assertThat(sql("SELECT count(*) FROM stage.stg_crm__customers WHERE client_id IN " + inClients)).isEqualTo("0");
        assertThat(Long.parseLong(sql("SELECT count(*) FROM stage.stg_crm__customers"))).isPositive();
    }

    /** An admin reads the person's profile, and an analyst's SQL names their e-mail. */
    private void recordAccesses(String customer, String email) {
        try (PostgresService pg = PostgresService.open(config()); AuditLog log = AuditLog.open(pg)) {
            log.record(new AuditEvent(Instant.now(), "k1", "ada", "admin", "profile.read", customer, null, false));
            log.record(new AuditEvent(Instant.now(), "k2", "ana", "analyst", "sql.query", null,
                    "SELECT * FROM analytics.customer_360 WHERE email = '" + email + "'", true));
        }
    }

    /** Raw text files (not Parquet) whose content contains the value, case-insensitively. */
    private List<Path> rawTextContaining(String value) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(workspace.resolve("raw"))) {
            for (Path p : all.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".parquet")).toList()) {
                if (new String(Files.readAllBytes(p), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT))) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private C360Config config() {
        return ConfigLoader.withEnvironment(Map.of("C360_HOME", workspace.toString())).load();
    }

    private CliTest.Result c360(String... args) {
        return company.c360(args);
    }

    private String sql(String query) {
        return company.sql(query);
    }
}
