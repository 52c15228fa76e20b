package io.c360.runtime;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The embedded PostgreSQL of a workspace, shared by every c360 process that uses it.
 *
 * <p>The first process starts the server (data kept in {@code <workspace>/postgres/data}); later
 * processes attach to the running one. Each process holds a lease file; the last one to leave
 * stops the server. Leases of processes that died (kill -9) are ignored, so a crash never leaves
 * the workspace unusable.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private final Path home;
    private final int port;
    private final EmbeddedPostgres started;
    private final Path lease;

    private EmbeddedPostgresServer(Path home, int port, EmbeddedPostgres started, Path lease) {
        this.home = home;
        this.port = port;
        this.started = started;
        this.lease = lease;
    }

    static EmbeddedPostgresServer startOrAttach(Path workspace, int preferredPort) {
        Path home = workspace.resolve("postgres");
        try {
            Files.createDirectories(home.resolve("leases"));
            try (FileChannel ch = FileChannel.open(home.resolve("start.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                Path lease = home.resolve("leases").resolve(ProcessHandle.current().pid() + "-" + java.util.UUID.randomUUID());
                Files.writeString(lease, "");
                Optional<Integer> running = runningPort(home);
                if (running.isPresent()) {
                    return new EmbeddedPostgresServer(home, running.get(), null, lease);
                }
                int port = preferredPort > 0 ? preferredPort : FreePort.find();
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setDataDirectory(home.resolve("data"))
                        .setCleanDataDirectory(false)
                        .setRegisterShutdownHook(false)
                        .setPort(port)
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(home.resolve("server.log").toFile()))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(home.resolve("server.log").toFile()))
                        .start();
                writeState(home, port);
                return new EmbeddedPostgresServer(home, port, pg, lease);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL under " + home
                    + " (see " + home.resolve("server.log") + ")", e);
        }
    }

    int port() {
        return port;
    }

    boolean startedHere() {
        return started != null;
    }

    /** Leaves the server; stops it when no other live c360 process uses it. */
    @Override
    public void close() {
        try (FileChannel ch = FileChannel.open(home.resolve("start.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            Files.deleteIfExists(lease);
            if (liveLeases() > 0) {
                return;
            }
            if (started != null) {
                started.close();
            } else {
                postmasterPid(home).ifPresent(EmbeddedPostgresServer::stopProcess);
            }
            Files.deleteIfExists(home.resolve("server.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL under " + home, e);
        }
    }

    private long liveLeases() throws IOException {
        try (Stream<Path> leases = Files.list(home.resolve("leases"))) {
            List<Path> all = leases.toList();
            long live = 0;
            for (Path p : all) {
                if (isAlive(leaseOwner(p))) {
                    live++;
                } else {
                    Files.deleteIfExists(p);
                }
            }
            return live;
        }
    }

    /** Lease files are named {@code <pid>-<uuid>}: one per service opened, several per process allowed. */
    private static long leaseOwner(Path lease) {
        String name = lease.getFileName().toString();
        int dash = name.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? name : name.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<Integer> runningPort(Path home) throws IOException {
        Path state = home.resolve("server.properties");
        if (!Files.exists(state)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(state)) {
            p.load(in);
        }
        int port = Integer.parseInt(p.getProperty("port"));
        boolean alive = postmasterPid(home).map(EmbeddedPostgresServer::isAlive).orElse(false);
        return alive && accepts(port) ? Optional.of(port) : Optional.empty();
    }

    private static void writeState(Path home, int port) throws IOException {
        Properties p = new Properties();
        p.setProperty("port", Integer.toString(port));
        try (OutputStream out = Files.newOutputStream(home.resolve("server.properties"))) {
            p.store(out, "embedded PostgreSQL of this workspace");
        }
    }

    private static Optional<Long> postmasterPid(Path home) {
        Path pidFile = home.resolve("data").resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SIGINT is PostgreSQL's "fast shutdown": clients are disconnected, data is flushed. */
    private static void stopProcess(long pid) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
