package io.c360.serve.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.c360.serve.auth.Role;
import io.c360.lake.model.PiiKind;
import io.c360.serve.pii.PiiMasker;
import io.c360.serve.store.CustomerSummary;
import io.c360.serve.store.LookupKey;
import io.c360.serve.store.ProfileStore;
import io.c360.serve.store.ProfileVersion;
import io.c360.serve.store.StoredProfile;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The profile API: reads the profile store only (never Spark). Answers carry the published
 * version as ETag; analysts get personal data masked; every read is audited.
 */
final class ProfileRoutes {

    private static final Role[] PROFILE_READERS = {Role.ADMIN, Role.ANALYST, Role.SERVICE};

    private final ProfileStore store;

    ProfileRoutes(ProfileStore store) {
        this.store = store;
    }

    void register(Javalin app) {
        app.get("/api/v1/customers/{customer_id}", this::customer, PROFILE_READERS);
        app.get("/api/v1/customers", this::lookup, PROFILE_READERS);
        app.get("/api/v1/search", this::search, PROFILE_READERS);
        app.get("/api/v1/branches/{branch_id}/customers", this::branchCustomers, PROFILE_READERS);
        app.get("/api/v1/profile-versions", this::versions, Role.ADMIN, Role.ANALYST);
    }

    private void customer(Context ctx) {
        String id = ctx.pathParam("customer_id");
        StoredProfile p = store.find(id).orElseThrow(() -> ApiError.notFound(noCustomer("customer " + id)));
        if (notModified(ctx, p.version())) {
            return;
        }
        Caller caller = Caller.of(ctx);
        caller.audit("profile.read", p.customerId(), null);
        Json.ok(ctx, profileJson(p, caller.masked()));
    }

    private void lookup(Context ctx) {
        LookupKey key = lookupKey(ctx);
        List<StoredProfile> found = store.findByKey(key);
        if (found.isEmpty()) {
            throw ApiError.notFound(noCustomer("customer with " + key.kind() + " key"));
        }
        long version = found.get(0).version();
        if (notModified(ctx, version)) {
            return;
        }
        Caller caller = Caller.of(ctx);
        ObjectNode body = Json.MAPPER.createObjectNode().put("version", version);
        ArrayNode items = body.putArray("items");
        for (StoredProfile p : found) {
            caller.audit("profile.lookup", p.customerId(), "by " + key.kind());
            items.add(profileJson(p, caller.masked()));
        }
        Json.ok(ctx, body);
    }

    private LookupKey lookupKey(Context ctx) {
        Map<String, List<String>> q = ctx.queryParamMap();
        try {
            for (String contact : List.of("email", "phone", "cpf")) {
                if (q.containsKey(contact)) {
                    return LookupKey.of(contact, ctx.queryParam(contact));
                }
            }
            if (q.containsKey("source") || q.containsKey("key")) {
                if (ctx.queryParam("source") == null || ctx.queryParam("key") == null) {
                    throw ApiError.badRequest("a source-key lookup needs both ?source= (e.g. crm) and ?key=");
                }
                return LookupKey.of(ctx.queryParam("source"), ctx.queryParam("key"));
            }
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        throw ApiError.badRequest("look customers up with ?source=<source>&key=<key>, ?email=, ?phone= or ?cpf= "
                + "(or GET /api/v1/customers/{customer_id})");
    }

    private void search(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank() || q.length() > 200) {
            throw ApiError.badRequest("?q= must be 1 to 200 characters: a name, email, CPF, phone, customer id or source key");
        }
        int limit = Paging.limit(ctx, 20, 100);
        Caller caller = Caller.of(ctx);
        List<CustomerSummary> found = store.search(q, limit);
        caller.audit("profile.search", null, found.size() + " customers found");
        Json.ok(ctx, Map.of("items", summaries(found, caller.masked())));
    }

    private void branchCustomers(Context ctx) {
        String branch = ctx.pathParam("branch_id");
        int limit = Paging.limit(ctx, 50, 500);
        String after = Paging.decodeToken(ctx.queryParam("page_token"));
        List<CustomerSummary> page = store.branchCustomers(branch, after, limit + 1);
        boolean more = page.size() > limit;
        List<CustomerSummary> shown = more ? page.subList(0, limit) : page;
        Caller caller = Caller.of(ctx);
        caller.audit("branch.customers", null, "branch " + branch + ", " + shown.size() + " customers");
        ObjectNode body = Json.MAPPER.createObjectNode().put("branch_id", branch);
        body.set("items", Json.MAPPER.valueToTree(summaries(shown, caller.masked())));
        body.put("next_page_token", more ? Paging.encodeToken(shown.get(shown.size() - 1).customerId()) : null);
        Json.ok(ctx, body);
    }

    private void versions(Context ctx) {
        List<ProfileVersion> versions = store.versions(Paging.limit(ctx, 20, 200));
        Json.ok(ctx, Map.of("items", versions.stream().map(v -> Map.of("version", v.version(), "run_id", v.runId(),
                "published_at", v.publishedAt().toString(), "customers", v.customers(), "inserted", v.inserted(),
                "updated", v.updated(), "deleted", v.deleted(), "is_current", v.current())).toList()));
    }

    private static List<Map<String, String>> summaries(List<CustomerSummary> list, boolean masked) {
        return list.stream().map(s -> Map.of("customer_id", s.customerId(),
                "name", s.name() == null ? "" : masked ? PiiMasker.mask(PiiKind.NAME, s.name()) : s.name())).toList();
    }

    private String noCustomer(String what) {
        return store.currentVersion().isEmpty()
                ? "no profiles have been published yet (the pipeline publishes them after a successful run)"
                : what + " not found";
    }

    private static boolean notModified(Context ctx, long version) {
        String etag = "\"v" + version + "\"";
        ctx.header("ETag", etag);
        String inm = ctx.header("If-None-Match");
        if (inm != null && (inm.equals(etag) || inm.equals("W/" + etag))) {
            ctx.status(304);
            return true;
        }
        return false;
    }

    static ObjectNode profileJson(StoredProfile p, boolean masked) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("customer_id", p.customerId());
        out.put("name", masked && p.name() != null ? PiiMasker.mask(PiiKind.NAME, p.name()) : p.name());
        out.put("version", p.version());
        out.put("run_id", p.runId());
        out.put("published_at", p.publishedAt().toString());
        out.put("masked", masked);
        ArrayNode keys = out.putArray("keys");
        for (LookupKey k : p.keys()) {
            String value = masked ? PiiKind.ofLookupKind(k.kind()).map(kind -> PiiMasker.mask(kind, k.key())).orElse(k.key()) : k.key();
            keys.addObject().put("kind", k.kind()).put("key", value);
        }
        ArrayNode branches = out.putArray("branches");
        p.branchIds().forEach(branches::add);
        if (masked) {
            out.set("profile", PiiMasker.maskDocument(parse(p.docJson())));
        } else {
            out.putRawValue("profile", new RawValue(p.docJson()));
        }
        return out;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored profile is not JSON: " + e.getMessage(), e);
        }
    }
}
