package io.c360.sources;

import io.c360.runtime.C360Config;
import io.c360.runtime.ConfigLoader;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Test plumbing: a workspace config, the fixture folder, files of a landing folder, CRM API calls. */
final class TestWorkspace {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestWorkspace() {
    }

    static C360Config config(Path workspace) {
        return ConfigLoader.withEnvironment(Map.of()).flag("workspace", workspace.toString()).load();
    }

    /** The workshop fixtures, {@code shared/fixtures/workshop} beside the checkout (set by surefire). */
    static Path fixtures() {
        Path dir = Path.of(System.getProperty("c360.workshop.fixtures"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("workshop fixtures not found at " + dir + " (shared/ must sit beside the checkout)");
        }
        return dir;
    }

    static Path onlyFile(Path folder, String glob) throws IOException {
        List<Path> files = files(folder, glob);
        if (files.size() != 1) {
            throw new IllegalStateException("expected one " + glob + " in " + folder + ", found " + files);
        }
        return files.get(0);
    }

    static List<Path> files(Path folder, String glob) throws IOException {
        List<Path> out = new ArrayList<>();
        try (var stream = Files.newDirectoryStream(folder, glob)) {
            stream.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    static List<Path> allFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static HttpResponse<String> get(String url, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
