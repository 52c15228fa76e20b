package io.c360.serve.store;

/** One line of a search result or branch listing. */
public record CustomerSummary(String customerId, String name) {
}
