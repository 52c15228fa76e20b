package io.c360.lifecycle.erasure;

/** One raw or quarantined file rewritten without the person's records: where, how many, the content hashes before and after. */
public record RawFileErasure(String path, long recordsRemoved, String sha256Before, String sha256After) {
}
