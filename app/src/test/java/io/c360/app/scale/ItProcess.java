package io.c360.app.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server of the scale-out test started as its own process, its output in a log file, stopped at the end. */
final class ItProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ItProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ItProcess start(String name, ProcessBuilder builder, Path logDir) {
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            return new ItProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    static Path java(Path javaHome) {
        return javaHome.resolve("bin").resolve("java");
    }

    static Path currentJava() {
        return java(Path.of(System.getProperty("java.home")));
    }

    /** Waits until the process accepts connections on the port. */
    void awaitPort(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
                }
                sleep(250);
            }
        }
        throw new AssertionError(name + " did not open port " + port + " within " + timeout + ":\n" + tail());
    }

    /** Waits until a server started elsewhere (a c360 child process) accepts connections at the URL's port. */
    static void awaitHttp(String url, Process process, Duration timeout) {
        int port = java.net.URI.create(url).getPort();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new AssertionError("the server for " + url + " exited with " + process.exitValue());
                }
                sleep(250);
            }
        }
        throw new AssertionError("nothing answered at " + url + " within " + timeout);
    }

    /** The last lines the process printed, for failure messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
