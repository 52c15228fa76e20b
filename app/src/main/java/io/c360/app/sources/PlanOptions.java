package io.c360.app.sources;

import io.c360.sources.ChaosSettings;
import io.c360.sources.SimulationPlan;
import picocli.CommandLine.Option;

import java.time.LocalDate;

/** The options that define a simulated history (shared by generate and the bench). */
public final class PlanOptions {

    @Option(names = "--customers", required = true, paramLabel = "N", description = "Number of people in the simulated population.")
    int customers;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Random seed; the same seed gives the same data (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--months", defaultValue = "12", paramLabel = "M", description = "Months of history (default ${DEFAULT-VALUE}).")
    int months;

    @Option(names = "--end-date", paramLabel = "YYYY-MM-DD", description = "Day the history ends (exclusive; default 2026-11-01, fixed so output depends only on the seed).")
    LocalDate endDate;

    @Option(names = "--duplicate-rate", paramLabel = "R", description = "Share of CRM people entered twice (default 0.05).")
    Double duplicateRate;

    @Option(names = "--malformed-rate", paramLabel = "R", description = "Share of records with a malformed value (default 0.01).")
    Double malformedRate;

    @Option(names = "--schema-drift", description = "The CRM carries an extra field (loyalty_tier).")
    boolean schemaDrift;

    public SimulationPlan plan() {
        ChaosSettings chaos = ChaosSettings.defaults();
        if (duplicateRate != null) {
            chaos = chaos.withDuplicateRate(duplicateRate);
        }
        if (malformedRate != null) {
            chaos = chaos.withMalformedRate(malformedRate);
        }
        return new SimulationPlan(customers, seed, months, endDate == null ? SimulationPlan.DEFAULT_END_DATE : endDate,
                chaos, schemaDrift);
    }
}
