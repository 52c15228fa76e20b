package io.c360.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the c360 CLI in a separate JVM, the way the launcher does, for multi-process tests. */
public final class ChildProcess {

    private ChildProcess() {
    }

    public static ProcessBuilder c360(Path workspace, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.addAll(List.of(System.getProperty("c360.jvm.opens", "").split("\\s+")));
        cmd.removeIf(String::isBlank);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "--workspace", workspace.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb;
    }

    public static String output(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes());
    }
}
