package io.c360.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What continuous mode needs to carry on where the last run stopped: the plan, the next free keys,
 * the simulated day and the last tick's instant. Kept in {@code truth/simulation.json} (simulator
 * only, like the ground truth).
 */
final class SimulationState {

    final SimulationPlan plan;
    final IdSequences ids;
    long tick;
    LocalDate day;
    Instant lastInstant;

    SimulationState(SimulationPlan plan, IdSequences ids, long tick, LocalDate day, Instant lastInstant) {
        this.plan = plan;
        this.ids = ids;
        this.tick = tick;
        this.day = day;
        this.lastInstant = lastInstant;
    }

    static Path file(Path workspace) {
        return workspace.resolve("truth").resolve("simulation.json");
    }

    static SimulationState load(Path workspace) {
        Path file = file(workspace);
        if (!Files.exists(file)) {
            throw new IllegalStateException("no simulated history in " + workspace + ": run `c360 sources generate` first");
        }
        try {
            JsonNode n = CrmCustomerDocument.JSON.readTree(file.toFile());
            JsonNode c = n.path("chaos");
            ChaosSettings chaos = new ChaosSettings(c.path("duplicate_rate").asDouble(), c.path("malformed_rate").asDouble(),
                    c.path("late_rate").asDouble(), c.path("correction_rate").asDouble(), c.path("shop_only_share").asDouble(),
                    c.path("browse_only_share").asDouble(), c.path("guest_purchase_rate").asDouble());
            SimulationPlan plan = new SimulationPlan(n.path("customers").asInt(), n.path("seed").asLong(), n.path("months").asInt(),
                    LocalDate.parse(n.path("end_date").asText()), chaos, n.path("schema_drift").asBoolean());
            JsonNode next = n.path("next");
            IdSequences ids = new IdSequences();
            ids.person = next.path("person").asLong();
            ids.client = next.path("client_id").asLong();
            ids.account = next.path("account_id").asLong();
            ids.disposition = next.path("disp_id").asLong();
            ids.transaction = next.path("trans_id").asLong();
            ids.retailRow = next.path("row_id").asLong();
            return new SimulationState(plan, ids, n.path("tick").asLong(), LocalDate.parse(n.path("day").asText()),
                    Instant.parse(n.path("last_instant").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    void save(Path workspace) {
        ObjectNode n = CrmCustomerDocument.JSON.createObjectNode();
        n.put("customers", plan.customers());
        n.put("seed", plan.seed());
        n.put("months", plan.months());
        n.put("end_date", plan.endDate().toString());
        n.put("schema_drift", plan.schemaDrift());
        ObjectNode c = n.putObject("chaos");
        ChaosSettings chaos = plan.chaos();
        c.put("duplicate_rate", chaos.duplicateRate());
        c.put("malformed_rate", chaos.malformedRate());
        c.put("late_rate", chaos.lateRate());
        c.put("correction_rate", chaos.correctionRate());
        c.put("shop_only_share", chaos.shopOnlyShare());
        c.put("browse_only_share", chaos.browseOnlyShare());
        c.put("guest_purchase_rate", chaos.guestPurchaseRate());
        ObjectNode next = n.putObject("next");
        next.put("person", ids.person);
        next.put("client_id", ids.client);
        next.put("account_id", ids.account);
        next.put("disp_id", ids.disposition);
        next.put("trans_id", ids.transaction);
        next.put("row_id", ids.retailRow);
        n.put("tick", tick);
        n.put("day", day.toString());
        n.put("last_instant", lastInstant.toString());
        Path file = file(workspace);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("simulation.json.tmp");
            CrmCustomerDocument.JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), n);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
