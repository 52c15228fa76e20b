package io.c360.serve.http;

import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Page sizes and page tokens: opaque to clients, the position after the previous page. */
final class Paging {

    private Paging() {
    }

    static int limit(Context ctx, int dflt, int max) {
        String s = ctx.queryParam("limit");
        if (s == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(s);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.badRequest("?limit= must be a whole number from 1 to " + max + ", got '" + s + "'");
    }

    static String encodeToken(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a token stands for, or null for the first page. */
    static String decodeToken(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("?page_token= is not a token this server handed out");
        }
    }
}
