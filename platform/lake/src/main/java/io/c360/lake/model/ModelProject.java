package io.c360.lake.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The models of one zone: every {@code <name>.sql} with its {@code <name>.yml} (and optional
 * {@code <name>.affected.sql}, see {@link Model}) under
 * {@code models/<zone>/} (on the classpath or in a folder), in dependency order. The zone folder
 * name is the Iceberg namespace of the tables.
 */
public final class ModelProject {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String AFFECTED = ".affected.sql";

    private final String zone;
    private final List<Model> ordered;

    private ModelProject(String zone, List<Model> ordered) {
        this.zone = zone;
        this.ordered = ordered;
    }

    /** The zone's models packaged with c360 ({@code models/<zone>/} on the classpath). */
    public static ModelProject fromClasspath(String zone) {
        URL url = ModelProject.class.getClassLoader().getResource("models/" + zone);
        if (url == null) {
            throw new IllegalArgumentException("no models for zone '" + zone + "' (models/" + zone + "/ is not on the classpath)");
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return fromFolder(zone, Path.of(uri));
            }
            try (FileSystem fs = jarFileSystem(uri)) {
                return fromFolder(zone, fs.getPath("models", zone));
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list the models of zone " + zone + " at " + url, e);
        }
    }

    public static ModelProject fromFolder(String zone, Path folder) {
        Map<String, Model> byName = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path sql : files.filter(p -> p.getFileName().toString().endsWith(".sql") && !p.getFileName().toString().endsWith(AFFECTED))
                    .sorted().toList()) {
                Model m = load(zone, sql);
                byName.put(m.name(), m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list models in " + folder, e);
        }
        return new ModelProject(zone, order(byName, (a, b) -> 0));
    }

    public String zone() {
        return zone;
    }

    /** Models in dependency order (a model after every model it references), ties by name. */
    public List<Model> models() {
        return ordered;
    }

    /** The models in dependency order, those first that {@code first} puts first among the models whose upstream is placed. */
    public List<Model> models(Comparator<Model> first) {
        return order(ordered.stream().collect(Collectors.toMap(Model::name, m -> m, (a, b) -> a, LinkedHashMap::new)), first);
    }

    /**
     * For each model, how many models at most wait for its build in a chain of models reading each other: 0 for a
     * model no other model of the project reads.
     */
    public Map<String, Integer> waitingChains() {
        Map<String, Integer> chains = new LinkedHashMap<>();
        for (int i = ordered.size() - 1; i >= 0; i--) {
            Model m = ordered.get(i);
            chains.put(m.name(), ordered.stream().filter(n -> n.reads().contains(m.name()))
                    .mapToInt(n -> chains.get(n.name()) + 1).max().orElse(0));
        }
        return chains;
    }

    /** Only the named models (dependency order kept); an unknown name is an error. */
    public ModelProject select(List<String> names) {
        names.forEach(this::get);
        return new ModelProject(zone, ordered.stream().filter(m -> names.contains(m.name())).toList());
    }

    public Model get(String name) {
        return ordered.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model '" + name + "' in zone " + zone));
    }

    private static Model load(String zone, Path sqlFile) throws IOException {
        String file = sqlFile.getFileName().toString();
        String name = file.substring(0, file.length() - ".sql".length());
        Path yml = sqlFile.resolveSibling(name + ".yml");
        if (!Files.exists(yml)) {
            throw new IllegalArgumentException("model " + zone + "." + name + " has no " + name + ".yml next to " + file);
        }
        ModelSpec spec = ModelSpec.parse(YAML.readTree(Files.readString(yml)), "models/" + zone + "/" + name + ".yml");
        Path affected = sqlFile.resolveSibling(name + AFFECTED);
        if (Files.exists(affected) != (spec.incrementalBy() != null)) {
            throw new IllegalArgumentException("model " + zone + "." + name + ": incremental_by in " + name + ".yml and " + name + AFFECTED
                    + " (the query of the keys to rebuild) go together; found only one of them");
        }
        ModelSql affectedSql = Files.exists(affected) ? new ModelSql(Files.readString(affected)) : null;
        return new Model(zone, name, new ModelSql(Files.readString(sqlFile)), spec, affectedSql);
    }

    private static List<Model> order(Map<String, Model> byName, Comparator<Model> first) {
        Map<String, Set<String>> pending = new LinkedHashMap<>();
        byName.values().forEach(m -> {
            Set<String> deps = new TreeSet<>(m.upstream());
            deps.retainAll(byName.keySet());
            pending.put(m.name(), deps);
        });
        List<Model> out = new ArrayList<>();
        while (!pending.isEmpty()) {
            List<String> ready = pending.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(e -> byName.get(e.getKey()))
                    .sorted(first.thenComparing(Model::name)).map(Model::name).toList();
            if (ready.isEmpty()) {
                throw new IllegalArgumentException("models reference each other in a cycle: " + pending.keySet());
            }
            for (String name : ready) {
                out.add(byName.get(name));
                pending.remove(name);
                pending.values().forEach(d -> d.remove(name));
            }
        }
        return List.copyOf(out);
    }

    private static FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        }
    }
}
