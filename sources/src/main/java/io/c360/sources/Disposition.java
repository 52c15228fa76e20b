package io.c360.sources;

/** The link of a client to an account ("general bank" extract): type owner or user. */
record Disposition(long id, long accountId, long clientId, String type) {
}
