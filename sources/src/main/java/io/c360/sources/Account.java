package io.c360.sources;

import java.time.LocalDateTime;

/** An account as the account-origination extract lists it. Frequency of statements: MI, WI or TI. */
record Account(long id, int branchId, String frequency, LocalDateTime created) {
}
