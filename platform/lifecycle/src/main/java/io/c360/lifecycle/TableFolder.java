package io.c360.lifecycle;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.PartitionStatisticsFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StatisticsFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The folder of one Iceberg table compared with the files its metadata names: the metadata files of
 * the metadata log, and the manifest lists, manifests, data and delete files of every snapshot.
 * A file in the folder that is not named is a candidate orphan (a write that never committed).
 */
final class TableFolder {

    private final Table table;
    private final Configuration hadoop;

    TableFolder(Table table, Configuration hadoop) {
        this.table = table;
        this.hadoop = hadoop;
    }

    /** True when a file older than {@code olderThan} in the table's folder is named by no metadata. */
    boolean holdsUnreferencedFiles(Instant olderThan) {
        Set<String> named = namedFiles();
        Path location = new Path(table.location());
        try {
            FileSystem fs = location.getFileSystem(hadoop);
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(location, true);
            while (files.hasNext()) {
                LocatedFileStatus f = files.next();
                if (f.getModificationTime() < olderThan.toEpochMilli() && !named.contains(key(f.getPath().toString()))) {
                    return true;
                }
            }
            return false;
        } catch (FileNotFoundException noFolderYet) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the files of table " + table.name() + " in " + location + ": " + e.getMessage(), e);
        }
    }

    private Set<String> namedFiles() {
        Set<String> out = new HashSet<>();
        TableMetadata metadata = ((HasTableOperations) table).operations().current();
        out.add(key(metadata.metadataFileLocation()));
        metadata.previousFiles().forEach(m -> out.add(key(m.file())));
        metadata.statisticsFiles().stream().map(StatisticsFile::path).forEach(p -> out.add(key(p)));
        metadata.partitionStatisticsFiles().stream().map(PartitionStatisticsFile::path).forEach(p -> out.add(key(p)));
        for (Snapshot s : table.snapshots()) {
            if (s.manifestListLocation() != null) {
                out.add(key(s.manifestListLocation()));
            }
            for (ManifestFile m : s.allManifests(table.io())) {
                if (out.add(key(m.path()))) {
                    addContentFiles(m, out);
                }
            }
        }
        return out;
    }

    private void addContentFiles(ManifestFile manifest, Set<String> out) {
        try (ManifestReader<? extends ContentFile<?>> reader = manifest.content() == ManifestContent.DATA
                ? ManifestFiles.read(manifest, table.io(), table.specs())
                : ManifestFiles.readDeleteManifest(manifest, table.io(), table.specs())) {
            for (ContentFile<?> f : reader.select(List.of("file_path"))) {
                out.add(key(f.location()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + manifest.path() + ": " + e.getMessage(), e);
        }
    }

    /** Authority and path, so {@code file:/a}, {@code file:///a} and {@code /a} name the same file. */
    private static String key(String location) {
        URI uri = new Path(location).toUri();
        return Objects.toString(uri.getAuthority(), "") + uri.getPath();
    }
}
