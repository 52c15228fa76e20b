package io.c360.sources;

import java.time.LocalDateTime;

/** A card issued on a disposition: classic, gold or junior. */
record Card(String id, long dispositionId, String type, LocalDateTime issued) {
}
