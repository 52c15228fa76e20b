package io.c360.serve.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.c360.serve.auth.Role;
import io.c360.serve.sql.Query;
import io.c360.serve.sql.ResultColumn;
import io.c360.serve.sql.SqlRejectedException;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.List;
import java.util.function.Supplier;

/** The SQL API: submit → id → status → paged results (JSON or CSV), DELETE cancels. */
final class QueryRoutes {

    private static final int MAX_SQL_CHARS = 100_000;

    private final Supplier<Lake> lake;

    QueryRoutes(Supplier<Lake> lake) {
        this.lake = lake;
    }

    void register(Javalin app) {
        app.post("/api/v1/queries", this::submit, Role.ADMIN, Role.ANALYST);
        app.get("/api/v1/queries/{id}", ctx -> Json.ok(ctx, status(query(ctx))), Role.ADMIN, Role.ANALYST);
        app.get("/api/v1/queries/{id}/results", this::results, Role.ADMIN, Role.ANALYST);
        app.delete("/api/v1/queries/{id}", this::cancel, Role.ADMIN, Role.ANALYST);
    }

    private void submit(Context ctx) {
        String sql = sqlOf(ctx);
        Caller caller = Caller.of(ctx);
        Query q;
        try {
            q = lake.get().queries().submit(sql, caller.key());
        } catch (SqlRejectedException e) {
            caller.audit("sql.rejected", null, sql);
            throw ApiError.badRequest(e.getMessage());
        }
        caller.audit("sql.query", null, sql);
        Json.send(ctx, 202, status(q));
    }

    private static String sqlOf(Context ctx) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("the body must be JSON like {\"sql\": \"SELECT ...\"}: " + e.getOriginalMessage());
        }
        JsonNode sql = body == null ? null : body.get("sql");
        if (sql == null || !sql.isTextual() || sql.asText().isBlank()) {
            throw ApiError.badRequest("the body must be JSON like {\"sql\": \"SELECT ...\"} with a non-empty sql");
        }
        if (sql.asText().length() > MAX_SQL_CHARS) {
            throw ApiError.badRequest("the SQL text is longer than " + MAX_SQL_CHARS + " characters");
        }
        return sql.asText();
    }

    private Query query(Context ctx) {
        String id = ctx.pathParam("id");
        return lake.get().queries().find(id, Caller.of(ctx).key())
                .orElseThrow(() -> ApiError.notFound("query " + id + " not found (queries are visible to the key that submitted them)"));
    }

    private void results(Context ctx) {
        Query q = query(ctx);
        if (!q.status().finished()) {
            throw new ApiError(409, "query " + q.id() + " is " + q.status().label() + "; poll GET /api/v1/queries/" + q.id());
        }
        if (q.error() != null) {
            throw new ApiError(409, "query " + q.id() + " " + q.status().label() + ": " + q.error());
        }
        Caller.of(ctx).audit("sql.results", null, "query " + q.id());
        if ("csv".equals(ctx.queryParam("format"))) {
            ctx.header("Content-Disposition", "attachment; filename=\"query-" + q.id() + ".csv\"");
            ctx.contentType("text/csv; charset=utf-8").result(Csv.of(q.columns(), q.rows()));
            return;
        }
        int limit = Paging.limit(ctx, 500, 10_000);
        int offset = offset(Paging.decodeToken(ctx.queryParam("page_token")));
        List<Object[]> rows = q.rows();
        int end = Math.min(rows.size(), offset + limit);
        ObjectNode body = status(q);
        ArrayNode cols = body.putArray("columns");
        for (ResultColumn c : q.columns()) {
            cols.addObject().put("name", c.name()).put("type", c.type()).put("masked", c.masked());
        }
        body.set("rows", Json.MAPPER.valueToTree(rows.subList(Math.min(offset, rows.size()), end)));
        body.put("next_page_token", end < rows.size() ? Paging.encodeToken(String.valueOf(end)) : null);
        Json.ok(ctx, body);
    }

    private static int offset(String position) {
        if (position == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(position));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("?page_token= is not a token this server handed out");
        }
    }

    private void cancel(Context ctx) {
        Query q = query(ctx);
        if (!lake.get().queries().cancel(q)) {
            throw new ApiError(409, "query " + q.id() + " already " + q.status().label());
        }
        Json.ok(ctx, status(q));
    }

    private static ObjectNode status(Query q) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("id", q.id());
        s.put("status", q.status().label());
        s.put("sql", q.sql());
        s.put("submitted_by", q.owner().name());
        s.put("submitted_at", q.submittedAt().toString());
        s.put("started_at", q.startedAt() == null ? null : q.startedAt().toString());
        s.put("finished_at", q.finishedAt() == null ? null : q.finishedAt().toString());
        if (q.startedAt() != null && q.finishedAt() != null) {
            s.put("elapsed_ms", q.finishedAt().toEpochMilli() - q.startedAt().toEpochMilli());
        }
        if (q.status().finished()) {
            s.put("row_count", q.rows().size());
            s.put("truncated", q.truncated());
        }
        s.put("error", q.error());
        return s;
    }
}
