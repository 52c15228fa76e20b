package io.c360.serve.http;

import io.c360.serve.audit.AuditEvent;
import io.c360.serve.audit.AuditLog;
import io.c360.serve.auth.Role;
import io.c360.serve.catalog.ColumnDoc;
import io.c360.serve.catalog.TableDoc;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Catalog (lake tables and column docs), the log zone (runs, steps, batches, data quality) and the audit log. */
final class CatalogRoutes {

    private final Supplier<Lake> lake;
    private final AuditLog audit;

    CatalogRoutes(Supplier<Lake> lake, AuditLog audit) {
        this.lake = lake;
        this.audit = audit;
    }

    void register(Javalin app) {
        app.get("/api/v1/catalog/tables", ctx -> Json.ok(ctx, Map.of("items", lake.get().catalog().tables().stream()
                .map(t -> Map.of("namespace", t.namespace(), "name", t.name())).toList())), Role.ADMIN, Role.ANALYST);
        app.get("/api/v1/catalog/tables/{namespace}/{table}", this::table, Role.ADMIN, Role.ANALYST);
        app.get("/api/v1/ops/pipeline-runs", ctx -> ops(ctx, "pipeline_runs", null), Role.ADMIN, Role.ANALYST);
        app.get("/api/v1/ops/pipeline-runs/{run_id}/steps", ctx -> ops(ctx, "step_runs", ctx.pathParam("run_id")),
                Role.ADMIN, Role.ANALYST);
        app.get("/api/v1/ops/step-runs", ctx -> ops(ctx, "step_runs", null), Role.ADMIN, Role.ANALYST);
        app.get("/api/v1/ops/ingest-batches", ctx -> ops(ctx, "ingest_batches", null), Role.ADMIN, Role.ANALYST);
        app.get("/api/v1/ops/dq-results", ctx -> ops(ctx, "dq_results", null), Role.ADMIN, Role.ANALYST);
        app.get("/api/v1/audit", this::auditLog, Role.ADMIN);
    }

    private void table(Context ctx) {
        String ns = ctx.pathParam("namespace").toLowerCase(Locale.ROOT);
        String name = ctx.pathParam("table");
        if (!name.matches("[A-Za-z0-9_]+")) {
            throw ApiError.badRequest("table names are letters, digits and _, got '" + name + "'");
        }
        TableDoc t = lake.get().catalog().describe(ns, name)
                .orElseThrow(() -> ApiError.notFound("table " + ns + "." + name + " not found"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("namespace", t.namespace());
        body.put("name", t.name());
        body.put("description", t.description());
        body.put("columns", t.columns().stream().map(CatalogRoutes::column).toList());
        Json.ok(ctx, body);
    }

    private static Map<String, Object> column(ColumnDoc c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("type", c.type());
        m.put("description", c.description());
        m.put("pii", c.pii().map(k -> k.name().toLowerCase(Locale.ROOT)).orElse(null));
        return m;
    }

    private void ops(Context ctx, String table, String runId) {
        int limit = Paging.limit(ctx, 100, 1000);
        List<Map<String, Object>> rows = lake.get().ops().latest(table, runId == null ? null : "run_id", runId, limit);
        Json.ok(ctx, Map.of("table", "ops." + table, "items", rows));
    }

    private void auditLog(Context ctx) {
        List<AuditEvent> events = audit.recent(ctx.queryParam("customer_id"), Paging.limit(ctx, 100, 1000));
        Json.ok(ctx, Map.of("items", events.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", e.at().toString());
            m.put("key_id", e.keyId());
            m.put("key_name", e.keyName());
            m.put("role", e.role());
            m.put("action", e.action());
            m.put("customer_id", e.customerId());
            m.put("detail", e.detail());
            m.put("masked", e.masked());
            return m;
        }).toList()));
    }
}
