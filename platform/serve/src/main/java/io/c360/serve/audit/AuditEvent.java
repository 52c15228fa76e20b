package io.c360.serve.audit;

import java.time.Instant;

/** One access to personal data: who (key id and name, role), what, when, which customer, masked or not. */
public record AuditEvent(Instant at, String keyId, String keyName, String role, String action,
                         String customerId, String detail, boolean masked) {
}
