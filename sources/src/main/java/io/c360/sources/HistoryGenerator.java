package io.c360.sources;

import io.c360.runtime.Progress;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code c360 sources generate}: the full history of the simulated company, streamed person by
 * person into every system at once (CRM store and core banking through COPY, the file drops into
 * landing/, the ground truth into truth/), so memory does not grow with the number of people.
 */
public final class HistoryGenerator {

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final SimulationPlan plan;
    private final Path workspace;
    private final CrmStore crm;
    private final CoreBankingDatabase core;
    private final Progress progress;

    public HistoryGenerator(SimulationPlan plan, Path workspace, CrmStore crm, CoreBankingDatabase core, Progress progress) {
        this.plan = plan;
        this.workspace = workspace;
        this.crm = crm;
        this.core = core;
        this.progress = progress;
    }

    public SourceCounts generate() throws SQLException {
        long start = System.nanoTime();
        crm.reset();
        core.reset();
        IdSequences ids = new IdSequences();
        Map<String, Long> counts = new LinkedHashMap<>();
        Path landing = workspace.resolve("landing");
        String stamp = STAMP.format(plan.endDate().atStartOfDay());
        try (Connection crmConnection = crm.connect(); Connection coreConnection = core.connect();
             CopyStream crmCopy = crm.bulkLoad(crmConnection); CopyStream postings = core.bulkLoad(coreConnection);
             BankFileWriters bankFiles = new BankFileWriters(landing, stamp);
             WebAnalyticsWriter web = new WebAnalyticsWriter(landing.resolve("web"), plan.chaos().malformedRate());
             VisitorMapWriter visitors = new VisitorMapWriter(landing, stamp);
             RetailOrderWriter retail = new RetailOrderWriter(landing, stamp);
             GroundTruthWriter truth = GroundTruthWriter.create(workspace)) {
            Company.Sinks sinks = new Company.Sinks(
                    (clientId, updatedAt, doc) -> copy(() -> crmCopy.field(clientId).instant(updatedAt).field(doc).endRow()),
                    p -> copy(() -> CoreBankingDatabase.write(postings, p)),
                    bankFiles, web, visitors, retail, truth);
            Company company = new Company(plan, ids, false);
            PersonGenerator persons = new PersonGenerator(plan);
            Progress.Step step = progress.start("simulating " + Progress.formatCount(plan.customers()) + " people, "
                    + plan.months() + " months to " + plan.endDate(), "people");
            for (long id = 1; id <= plan.customers(); id++) {
                company.enroll(persons.person(id), plan.historyStart(), plan.endDate(), plan.asOf(), sinks);
                step.add(1);
            }
            ids.person = plan.customers() + 1L;
            step.done();
            counts.put("crm", crmCopy.rows());
            counts.put("transactions", postings.rows());
            counts.put("accounts", bankFiles.accounts());
            counts.put("cards", bankFiles.cards());
            counts.put("dispositions", bankFiles.dispositions());
            counts.put("web_sessions", web.sessions());
            counts.put("visitor_map", visitors.rows());
            counts.put("retail", retail.rows());
            counts.put("truth", truth.rows());
        }
        try (Progress.Step indexing = progress.start("indexing the CRM store and core-banking transactions", "tables")) {
            crm.finishLoad();
            core.finishLoad();
            indexing.add(2);
        }
        new SimulationState(plan, ids, 0, plan.endDate(), plan.asOf()).save(workspace);
        return new SourceCounts(counts, System.nanoTime() - start);
    }

    /** A COPY write inside a sink (sinks cannot throw checked exceptions). */
    interface CopyWrite {
        void run() throws SQLException;
    }

    static void copy(CopyWrite write) {
        try {
            write.run();
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused the bulk load: " + e.getMessage(), e);
        }
    }
}
