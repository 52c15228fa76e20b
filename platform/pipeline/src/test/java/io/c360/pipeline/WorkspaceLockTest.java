package io.c360.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkspaceLockTest {

    @TempDir
    Path workspace;

    @Test
    void aLiveHolderKeepsTheLock() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(workspace.resolve("run.lock"), other.pid() + " run since earlier");
            assertThatThrownBy(() -> WorkspaceLock.acquire(workspace, "run"))
                    .isInstanceOf(WorkspaceLock.LockHeldException.class)
                    .hasMessageContaining(Long.toString(other.pid()));
        } finally {
            other.destroyForcibly().waitFor();
        }
        try (WorkspaceLock lock = WorkspaceLock.acquire(workspace, "run")) {
            assertThat(Files.readString(workspace.resolve("run.lock"))).startsWith(ProcessHandle.current().pid() + " run");
        }
        assertThat(workspace.resolve("run.lock")).doesNotExist();
    }
}
