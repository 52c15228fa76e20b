package io.c360.lifecycle.erasure;

import java.util.List;

/**
 * The kinds of keys that point at one person's rows, and the lake columns that hold each kind.
 * A table row is the person's when any of its columns holds one of the person's keys.
 */
public enum KeyKind {
    CUSTOMER("customer_id"),
    CLIENT("client_id", "key_client_id", "crm_client_id"),
    ORDER_LINE("row_id"),
    VISITOR("full_visitor_id"),
    ACCOUNT("account_id"),
    DISPOSITION("disp_id"),
    CARD("card_id"),
    RECORD("uid", "uid_a", "uid_b");

    private final List<String> columns;

    KeyKind(String... columns) {
        this.columns = List.of(columns);
    }

    public List<String> columns() {
        return columns;
    }
}
