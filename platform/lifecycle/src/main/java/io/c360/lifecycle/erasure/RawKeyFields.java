package io.c360.lifecycle.erasure;

import java.util.Map;

/**
 * Which raw field of each source entity holds which kind of person key (raw field names as the
 * raw reader names them: declared columns, JSON fields, Parquet columns). A record whose field
 * holds one of the person's keys of that kind is removed from raw.
 */
final class RawKeyFields {

    private static final Map<String, Map<String, KeyKind>> FIELDS = Map.of(
            "crm/customers", Map.of("client_id", KeyKind.CLIENT),
            "dispositions/dispositions", Map.of("client_id", KeyKind.CLIENT, "disp_id", KeyKind.DISPOSITION),
            "accounts/accounts", Map.of("account_id", KeyKind.ACCOUNT),
            "cards/cards", Map.of("disp_id", KeyKind.DISPOSITION, "card_id", KeyKind.CARD),
            "core/transactions", Map.of("account_id", KeyKind.ACCOUNT),
            "web/visitor_map", Map.of("full_visitor_id", KeyKind.VISITOR, "client_id", KeyKind.CLIENT),
            "web/sessions", Map.of("fullVisitorId", KeyKind.VISITOR),
            "retail/orders", Map.of("Row_ID", KeyKind.ORDER_LINE, "client_id", KeyKind.CLIENT));

    private RawKeyFields() {
    }

    static Map<String, KeyKind> of(String source, String entity) {
        return FIELDS.getOrDefault(source + "/" + entity, Map.of());
    }
}
