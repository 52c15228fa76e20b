package io.c360.sources;

import java.time.LocalDate;

/** One line of a retail (SaaS shop) order; {@code clientId} null for a guest purchase. */
record RetailOrderLine(long rowId, String orderId, LocalDate orderDate, String contactName, String city,
                       String customer, Long clientId, String industry, String segment, String product, String license,
                       double sales, int quantity, double discount, double profit, String contactEmail) {
}
