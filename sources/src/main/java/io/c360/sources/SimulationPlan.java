package io.c360.sources;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What to simulate: how many people, which seed, how many months of history ending (exclusive)
 * on {@code endDate}. The same plan always yields the same data.
 */
public record SimulationPlan(int customers, long seed, int months, LocalDate endDate, ChaosSettings chaos,
                             boolean schemaDrift) {

    /** Fixed default so that a seed alone determines the output (never "today"). */
    public static final LocalDate DEFAULT_END_DATE = LocalDate.of(2026, 11, 1);

    public SimulationPlan {
        if (customers < 1) {
            throw new IllegalArgumentException("--customers must be at least 1, got " + customers);
        }
        if (months < 1 || months > 120) {
            throw new IllegalArgumentException("--months must be between 1 and 120, got " + months);
        }
    }

    public static SimulationPlan of(int customers, long seed) {
        return new SimulationPlan(customers, seed, 12, DEFAULT_END_DATE, ChaosSettings.defaults(), false);
    }

    public SimulationPlan withChaos(ChaosSettings c) {
        return new SimulationPlan(customers, seed, months, endDate, c, schemaDrift);
    }

    public SimulationPlan withSchemaDrift(boolean drift) {
        return new SimulationPlan(customers, seed, months, endDate, chaos, drift);
    }

    /** First day of the transaction / web / retail history. */
    public LocalDate historyStart() {
        return endDate.minusMonths(months);
    }

    /** The moment the generated history is "extracted": start of the end date, UTC. */
    public java.time.Instant asOf() {
        return endDate.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
