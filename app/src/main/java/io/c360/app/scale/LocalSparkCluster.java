package io.c360.app.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.runtime.FreePort;
import org.apache.spark.SparkContext;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on this machine: one master and N workers, each a separate JVM (the
 * classes {@code org.apache.spark.deploy.master.Master} and {@code ...worker.Worker} of the Spark
 * jars), as {@code sbin/start-master.sh} and {@code start-worker.sh} of a Spark distribution would
 * start them. Their Spark home holds Spark's jars and c360's libraries but not c360's own jars, so
 * executors load c360's classes from the application jar ({@code spark.app-jar}), as on a real
 * cluster. Used by the scale-out benchmark and test.
 */
public final class LocalSparkCluster implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Path sparkHome;
    private final int port = FreePort.find();
    private final int uiPort = FreePort.find();
    private final List<Process> processes = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    private LocalSparkCluster(Path root) {
        this.root = root;
        this.sparkHome = root.resolve("spark-home");
    }

    /** Starts the master and {@code workers} workers of {@code cores} cores each; returns once they have all registered. */
    public static LocalSparkCluster start(Path root, List<Path> sparkJars, int workers, int cores, String workerMemory) {
        LocalSparkCluster cluster = new LocalSparkCluster(root);
        try {
            cluster.linkJars(sparkJars);
            cluster.launch("spark-master", "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(cluster.port), "--webui-port", String.valueOf(cluster.uiPort));
            cluster.awaitPort(cluster.uiPort, Duration.ofSeconds(120));
            for (int i = 0; i < workers; i++) {
                cluster.launch("spark-worker-" + i, "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--cores", String.valueOf(cores), "--memory", workerMemory,
                        "--webui-port", String.valueOf(FreePort.find()), "--work-dir", root.resolve("worker-" + i).toString(),
                        cluster.masterUrl());
            }
            cluster.awaitWorkers(workers, Duration.ofSeconds(120));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The jars of the Spark this process runs on (the launcher's lib folder), without c360's own. */
    public static List<Path> sparkJarsOfThisProcess() {
        try {
            Path sparkCore = Path.of(SparkContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (Stream<Path> jars = Files.list(sparkCore.getParent())) {
                return jars.filter(j -> j.getFileName().toString().endsWith(".jar"))
                        .filter(j -> !j.getFileName().toString().startsWith("c360-")).sorted().toList();
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot find the Spark jars of this process: " + e.getMessage(), e);
        }
    }

    public String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** The master's JSON status: workers, running and completed applications. */
    public JsonNode status() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + uiPort + "/json/")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("the Spark master's status page does not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public Path logs() {
        return root.resolve("logs");
    }

    private void linkJars(List<Path> jars) {
        try {
            Path dir = Files.createDirectories(sparkHome.resolve("jars"));
            for (Path jar : jars) {
                Files.createSymbolicLink(dir.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out a Spark home in " + sparkHome + ": " + e.getMessage(), e);
        }
    }

    private void launch(String name, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        // the packages Spark needs opened on Java 17+, as this process has them
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).forEach(cmd::add);
        cmd.addAll(List.of("-cp", sparkHome.resolve("jars") + File.separator + "*", mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            pb.redirectOutput(Files.createDirectories(logs()).resolve(name + ".log").toFile());
            processes.add(pb.start());
            names.add(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + ": " + e.getMessage(), e);
        }
    }

    private void awaitPort(int p, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", p), 500);
                return;
            } catch (IOException notYet) {
                checkAlive();
                pause();
            }
        }
        throw new IllegalStateException("the Spark master did not open port " + p + " within " + timeout + " (logs in " + logs() + ")");
    }

    private void awaitWorkers(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (status().path("aliveworkers").asInt() >= n) {
                return;
            }
            checkAlive();
            pause();
        }
        throw new IllegalStateException(n + " Spark workers did not register within " + timeout + " (logs in " + logs() + ")");
    }

    private void checkAlive() {
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (!p.isAlive()) {
                throw new IllegalStateException("a Spark process exited with " + p.exitValue() + ": " + tail(names.get(i)));
            }
        }
    }

    /** The last lines of a process's log, for error messages (the logs of a test's cluster go with its temp folder). */
    private String tail(String name) {
        try {
            List<String> lines = Files.readAllLines(logs().resolve(name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(see " + logs() + ")";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops the workers (which stop their executors), then the master. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
