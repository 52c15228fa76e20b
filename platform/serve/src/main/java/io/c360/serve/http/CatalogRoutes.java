package io.c360.serve.http;

import io.c360.governance.catalog.CatalogColumn;
import io.c360.governance.catalog.CatalogEntry;
import io.c360.governance.catalog.SearchHit;
import io.c360.serve.audit.AuditEvent;
import io.c360.serve.audit.AuditLog;
import io.c360.serve.auth.Role;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Catalog (every raw, stage, analytics and ops table with column docs, PII classes, state and data
 * quality; search), the log zone (runs, steps, batches, data quality) and the audit log.
 */
final class CatalogRoutes {

    private final Supplier<Lake> lake;
    private final AuditLog audit;

    CatalogRoutes(Supplier<Lake> lake, AuditLog audit) {
        this.lake = lake;
        this.audit = audit;
    }

    void register(Javalin app) {
        app.get("/api/v1/catalog/tables", ctx -> Json.ok(ctx, Map.of("items", lake.get().catalog().tables().stream()
                .map(t -> Map.of("namespace", t.zone(), "name", t.name())).toList())), Role.ADMIN, Role.ANALYST);
        app.get("/api/v1/catalog/tables/{namespace}/{table}", this::table, Role.ADMIN, Role.ANALYST);
        app.get("/api/v1/catalog/search", this::search, Role.ADMIN, Role.ANALYST);
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
        CatalogEntry e = lake.get().catalog().entry(ns, name)
                .orElseThrow(() -> ApiError.notFound("table " + ns + "." + name + " not found"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("namespace", e.table().zone());
        body.put("name", e.table().name());
        body.put("description", e.table().description());
        body.put("owner", e.table().owner());
        body.put("built_by", e.table().builtBy());
        body.put("row_count", e.status().rowCount().orElse(null));
        body.put("last_updated", e.status().lastUpdated().map(Object::toString).orElse(null));
        body.put("freshness", e.status().freshness());
        body.put("max_age_hours", e.status().maxAgeHours());
        body.put("columns", e.table().columns().stream().map(CatalogRoutes::column).toList());
        body.put("quality", e.quality().stream().map(q -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("test", q.test());
            m.put("severity", q.severity());
            m.put("status", q.status());
            m.put("failing_rows", q.failingRows());
            m.put("message", q.message());
            return m;
        }).toList());
        Json.ok(ctx, body);
    }

    private void search(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw ApiError.badRequest("search needs ?q=<term>, e.g. ?q=email");
        }
        List<SearchHit> hits = lake.get().catalog().search(q);
        Json.ok(ctx, Map.of("items", hits.stream().map(h -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("namespace", h.zone());
            m.put("table", h.table());
            m.put("column", h.column());
            m.put("type", h.type());
            m.put("pii", h.pii());
            m.put("description", h.description());
            return m;
        }).toList()));
    }

    private static Map<String, Object> column(CatalogColumn c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("type", c.type());
        m.put("description", c.description());
        m.put("pii", c.pii().map(k -> k.label()).orElse(null));
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
