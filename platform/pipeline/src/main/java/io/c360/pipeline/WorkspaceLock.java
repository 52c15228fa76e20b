package io.c360.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One pipeline run at a time per workspace. The lock file names its holder's pid; a lock left by
 * a process that no longer exists (killed, crashed) is taken over.
 */
public final class WorkspaceLock implements AutoCloseable {

    private final Path file;

    private WorkspaceLock(Path file) {
        this.file = file;
    }

    /** Takes the lock, or explains who holds it. */
    public static WorkspaceLock acquire(Path workspace, String purpose) {
        Path file = workspace.resolve("run.lock");
        try {
            Files.createDirectories(workspace);
            try (FileChannel ch = FileChannel.open(workspace.resolve("run.lock.guard"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                Optional<String> holder = holder(file);
                if (holder.isPresent()) {
                    long pid = Long.parseLong(holder.get().split("\\s+", 2)[0]);
                    if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        throw new LockHeldException("another c360 run holds the workspace lock " + file + ": " + holder.get());
                    }
                }
                Files.writeString(file, ProcessHandle.current().pid() + " " + purpose + " since " + java.time.Instant.now());
                return new WorkspaceLock(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the workspace lock " + file, e);
        }
    }

    private static Optional<String> holder(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file).trim();
        return text.isEmpty() || !text.split("\\s+")[0].matches("\\d+") ? Optional.empty() : Optional.of(text);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the workspace lock " + file, e);
        }
    }

    /** The workspace is locked by a live process. */
    public static final class LockHeldException extends RuntimeException {
        public LockHeldException(String message) {
            super(message);
        }
    }
}
