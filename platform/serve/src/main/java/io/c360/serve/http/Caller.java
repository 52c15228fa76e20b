package io.c360.serve.http;

import io.c360.serve.audit.AuditEvent;
import io.c360.serve.audit.AuditLog;
import io.c360.serve.auth.ApiKey;
import io.c360.serve.auth.Role;
import io.javalin.http.Context;

import java.time.Instant;

/** The authenticated key behind a request, and the audit trail of what it read. */
record Caller(ApiKey key, AuditLog audit) {

    private static final String ATTRIBUTE = "c360.caller";

    static Caller of(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }

    void attachTo(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }

    Role role() {
        return key.role();
    }

    boolean masked() {
        return key.role().seesMaskedPii();
    }

    void audit(String action, String customerId, String detail) {
        audit.record(new AuditEvent(Instant.now(), key.id(), key.name(), key.role().label(), action, customerId, detail, masked()));
    }
}
