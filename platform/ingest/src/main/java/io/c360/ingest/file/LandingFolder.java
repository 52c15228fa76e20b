package io.c360.ingest.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The inbox of a file source. A file is taken only when it is complete: {@code *.tmp} and
 * dot-files are ignored (writers rename into place), and a file modified within the settle time
 * is taken only if its size and modification time do not change over a short check.
 */
public final class LandingFolder {

    /** A landing file as listed. */
    public record Candidate(Path path, String name, long size, long modifiedMillis) {
    }

    private final Duration settle;
    private final Duration check;

    public LandingFolder(Duration settle, Duration check) {
        this.settle = settle;
        this.check = check;
    }

    /** The complete files of {@code dir} matching the glob {@code pattern}, by name. */
    public List<Candidate> completeFiles(Path dir, String pattern) {
        List<Candidate> listed = list(dir, pattern);
        long now = System.currentTimeMillis();
        List<Candidate> settled = new ArrayList<>();
        List<Candidate> young = new ArrayList<>();
        for (Candidate c : listed) {
            (now - c.modifiedMillis() >= settle.toMillis() ? settled : young).add(c);
        }
        if (!young.isEmpty()) {
            settled.addAll(unchangedAfterCheck(dir, pattern, young));
        }
        settled.sort(Comparator.comparing(Candidate::name));
        return settled;
    }

    private List<Candidate> unchangedAfterCheck(Path dir, String pattern, List<Candidate> young) {
        try {
            Thread.sleep(check.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        Map<String, Candidate> again = list(dir, pattern).stream().collect(Collectors.toMap(Candidate::name, Function.identity()));
        return young.stream().filter(c -> c.equals(again.get(c.name()))).toList();
    }

    private static List<Candidate> list(Path dir, String pattern) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> files = Files.list(dir)) {
            List<Candidate> out = new ArrayList<>();
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || name.endsWith(".tmp") || !matcher.matches(p.getFileName())) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (IOException gone) {
                    continue; // renamed or deleted meanwhile
                }
                if (a.isRegularFile()) {
                    out.add(new Candidate(p, name, a.size(), a.lastModifiedTime().toMillis()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the landing folder " + dir, e);
        }
    }
}
