package io.c360.ingest;

import io.c360.ingest.raw.RawZone;
import io.c360.runtime.raw.RawManifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads what the raw zone holds, as a downstream reader would: complete batches (with a manifest) only. */
final class RawContents {

    private RawContents() {
    }

    static List<RawManifest> manifests(Path workspace, String source, String entity) {
        RawZone zone = new RawZone(workspace);
        List<RawManifest> out = new ArrayList<>();
        for (org.apache.hadoop.fs.Path dir : zone.batchDirs(source, entity)) {
            if (zone.isComplete(dir)) {
                out.add(zone.manifest(dir));
            }
        }
        return out;
    }

    static Path batchDir(Path workspace, RawManifest m) {
        return local(new RawZone(workspace).batchDir(m.source(), m.entity(), m.ingestDate(), m.batchId()));
    }

    /** A folder of the workspace's raw zone as a local path. */
    static Path local(org.apache.hadoop.fs.Path dir) {
        return Path.of(dir.toUri());
    }

    /** Every line of every landed file of the entity. */
    static List<String> lines(Path workspace, String source, String entity) {
        List<String> out = new ArrayList<>();
        for (RawManifest m : manifests(workspace, source, entity)) {
            for (RawManifest.RawFile f : m.files()) {
                try {
                    out.addAll(Files.readAllLines(batchDir(workspace, m).resolve(f.name())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    /** The client_id of each NDJSON line landed for the CRM customers. */
    static List<Integer> clientIds(Path workspace) {
        return lines(workspace, "crm", "customers").stream()
                .map(l -> Integer.parseInt(l.replaceAll(".*\"client_id\":(\\d+).*", "$1"))).toList();
    }
}
