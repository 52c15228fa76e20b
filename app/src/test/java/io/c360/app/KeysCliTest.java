package io.c360.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code c360 keys create|list|revoke} and {@code c360 audit} as a user runs them. */
class KeysCliTest {

    @TempDir
    Path workspace;

    @Test
    void createsListsAndRevokesKeysWithoutEverShowingASecretTwice() {
        String ws = workspace.toString();
        CliTest.Result created = CliTest.run("keys", "create", "--role", "analyst", "--name", "ana", "--workspace", ws);
        assertThat(created.exit()).as(created.err()).isZero();
        String key = created.out().trim();
        assertThat(key).matches("c360_[0-9a-f]{8}_[A-Za-z0-9_-]{43}");
        String id = key.substring(5, 13);
        assertThat(created.err()).contains("not shown again");

        CliTest.Result listed = CliTest.run("keys", "list", "--workspace", ws);
        assertThat(listed.out()).contains(id).contains("analyst").contains("ana").doesNotContain(key.substring(14));

        assertThat(CliTest.run("keys", "revoke", id, "--workspace", ws).out()).contains("revoked");
        CliTest.Result again = CliTest.run("keys", "revoke", id, "--workspace", ws);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("no active key with id '" + id + "'");

        CliTest.Result badRole = CliTest.run("keys", "create", "--role", "root", "--workspace", ws);
        assertThat(badRole.exit()).isEqualTo(1);
        assertThat(badRole.err()).contains("role must be admin, analyst or service, got 'root'");

        CliTest.Result audit = CliTest.run("audit", "--workspace", ws);
        assertThat(audit.exit()).as(audit.err()).isZero();
    }
}
