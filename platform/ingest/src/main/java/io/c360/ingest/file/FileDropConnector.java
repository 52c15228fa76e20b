package io.c360.ingest.file;

import io.c360.ingest.BatchRecord;
import io.c360.ingest.ContentHash;
import io.c360.ingest.EntityLanding;
import io.c360.ingest.SchemaFingerprint;
import io.c360.ingest.raw.StagedBatch;
import io.c360.ingest.state.ConnectorState;
import io.c360.runtime.Progress;
import io.c360.runtime.raw.RawManifest.RawFile;
import io.c360.runtime.sources.EntityLayout;
import io.c360.runtime.sources.LayoutFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lands the complete, not yet landed files of an entity's landing folder as one raw batch, bytes
 * unchanged. Each file is copied into staging while hashed; a file whose sha256 was landed (or
 * quarantined) before is dropped as a duplicate; a file that is not of the declared shape goes to
 * quarantine; the rest are committed together.
 */
public final class FileDropConnector {

    public static final String NAME = "file";

    private final Path landingRoot;
    private final LandingFolder folder;

    public FileDropConnector(Path landingRoot, LandingFolder folder) {
        this.landingRoot = landingRoot;
        this.folder = folder;
    }

    public List<BatchRecord> land(EntityLayout layout, EntityLanding landing, Progress.Step step) {
        Path dir = landingRoot.resolve(layout.landing());
        List<LandingFolder.Candidate> files = folder.completeFiles(dir, layout.pattern());
        List<BatchRecord> out = new ArrayList<>();
        FileShape shape = FileShape.of(layout);
        Set<String> fieldNames = new HashSet<>();
        Set<String> schemas = new HashSet<>();
        try (StagedBatch batch = landing.newBatch()) {
            Set<String> inBatch = new HashSet<>();
            for (LandingFolder.Candidate file : files) {
                if (alreadyKnown(file, landing.state())) {
                    continue;
                }
                Path copy = batch.dir().resolve(file.name());
                String sha = copy(file, copy);
                landing.remember(file.name(), new ConnectorState.SeenFile(file.size(), file.modifiedMillis(), sha));
                String origin = landingRoot.getParent().relativize(file.path()).toString();
                if (landing.state().knows(sha) || !inBatch.add(sha)) {
                    deleteQuietly(copy);
                    continue;
                }
                ShapeCheck check = FileShape.checkSafely(shape, copy, layout.encoding());
                if (!check.readable()) {
                    out.add(landing.quarantine(copy, file.name(), origin, sha, NAME, check.reason()));
                    continue;
                }
                batch.add(new RawFile(file.name(), sizeOf(copy), sha, check.records(), origin));
                fieldNames.addAll(check.fieldNames());
                if (check.schema() != null) {
                    schemas.add(check.schema());
                }
                step.add(check.records());
            }
            if (!batch.isEmpty()) {
                out.add(landing.commit(batch, NAME, layout.format().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        fingerprint(layout, fieldNames, schemas), layout.format() == LayoutFormat.JSONL ? fieldNames : null, null, null));
            } else {
                landing.checkpoint();
            }
        }
        return out;
    }

    /** A file seen before with the same size and mtime has the same bytes: no need to re-read it. */
    private static boolean alreadyKnown(LandingFolder.Candidate file, ConnectorState state) {
        ConnectorState.SeenFile seen = state.files().get(file.name());
        return seen != null && seen.size() == file.size() && seen.modifiedMillis() == file.modifiedMillis()
                && state.knows(seen.sha256());
    }

    private static String fingerprint(EntityLayout layout, Set<String> fieldNames, Set<String> schemas) {
        if (!layout.columns().isEmpty()) {
            return SchemaFingerprint.ofColumns(layout.columns());
        }
        if (!schemas.isEmpty()) {
            return SchemaFingerprint.ofFieldNames(schemas);
        }
        return SchemaFingerprint.ofFieldNames(fieldNames);
    }

    private static String copy(LandingFolder.Candidate file, Path to) {
        try {
            return ContentHash.copy(file.path(), to);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + file.path() + " into staging: " + e.getMessage(), e);
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + p, e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p, e);
        }
    }
}
