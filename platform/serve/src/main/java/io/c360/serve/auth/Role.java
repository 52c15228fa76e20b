package io.c360.serve.auth;

import io.javalin.security.RouteRole;

import java.util.Locale;

/** What an API key may do: admin everything, analyst SQL and profiles with PII masked, service profile reads. */
public enum Role implements RouteRole {
    ADMIN, ANALYST, SERVICE;

    public static Role parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("role must be admin, analyst or service, got '" + s + "'");
        }
    }

    /** Analysts see personal data masked, in profiles and in SQL results. */
    public boolean seesMaskedPii() {
        return this == ANALYST;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
