package io.c360.lifecycle.erasure;

import io.c360.runtime.sources.EntityLayout;
import io.c360.runtime.sources.LayoutFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Raw text files lose exactly the person's lines; every other byte stays, in plain and gzip files, whatever the line length. */
class RawTextFileTest {

    @TempDir
    java.nio.file.Path dir;

    private static final EntityLayout CSV = new EntityLayout("crm", "customers", null, null, LayoutFormat.DELIMITED, true, ",", "UTF-8", List.of(), null);

    private static PersonLines person() {
        RecordMatcher matcher = new RecordMatcher(CSV, Map.of("client_id", Set.of("42")), List.of("ana@example.com"));
        return new PersonLines(matcher, ValueScanner.of(List.of("42", "ana@example.com")), true);
    }

    @Test
    void removesThePersonsLinesAndKeepsEveryOtherByteWhateverTheLineLength() throws IOException {
        String longNote = "x".repeat(200_000);
        byte[] notUtf8 = {'7', ',', (byte) 0xff, (byte) 0xfe, ',', 'b', '\r', '\n'};
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes("client_id,email,note\r\n".getBytes(StandardCharsets.UTF_8));
        content.writeBytes(("1,bob@example.com," + longNote + "\r\n").getBytes(StandardCharsets.UTF_8));
        content.writeBytes(("42,other@example.com," + longNote + "\r\n").getBytes(StandardCharsets.UTF_8));
        content.writeBytes(notUtf8);
        content.writeBytes("3,ANA@example.com,\r\n".getBytes(StandardCharsets.UTF_8));
        content.writeBytes("420,carl@example.com,42\n\n".getBytes(StandardCharsets.UTF_8));
        content.writeBytes("42,,last line without a line ending".getBytes(StandardCharsets.UTF_8));
        java.nio.file.Path file = dir.resolve("customers.csv");
        Files.write(file, content.toByteArray());

        long removed = new RawTextFile(localFs(), new Path(file.toUri())).remove(RawTextFileTest::person);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("client_id,email,note\r\n".getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(("1,bob@example.com," + longNote + "\r\n").getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(notUtf8);
        expected.writeBytes("420,carl@example.com,42\n\n".getBytes(StandardCharsets.UTF_8));
        assertThat(removed).isEqualTo(3);
        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
        assertThat(dir.toFile().list()).as("no temporary file left").containsExactly("customers.csv");
    }

    @Test
    void gzipFilesStayGzipAndAFileWithoutThePersonIsNotWritten() throws IOException {
        java.nio.file.Path gz = dir.resolve("customers.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("client_id,email\n1,bob@example.com\n42,x@example.com\n".getBytes(StandardCharsets.UTF_8));
        }
        java.nio.file.Path clean = dir.resolve("other.csv");
        Files.writeString(clean, "client_id,email\n1,bob@example.com\n");
        java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(clean);

        assertThat(new RawTextFile(localFs(), new Path(gz.toUri())).remove(RawTextFileTest::person)).isEqualTo(1);
        assertThat(new RawTextFile(localFs(), new Path(clean.toUri())).remove(RawTextFileTest::person)).isZero();

        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("client_id,email\n1,bob@example.com\n");
        }
        assertThat(Files.getLastModifiedTime(clean)).isEqualTo(before);
    }

    @Test
    void aFileThatIsNotGzipDespiteItsNameCountsNoLine() throws IOException {
        java.nio.file.Path bad = dir.resolve("broken.gz");
        Files.writeString(bad, "42,ana@example.com\n");
        assertThat(new RawTextFile(localFs(), new Path(bad.toUri())).remove(RawTextFileTest::person)).isZero();
        assertThat(Files.readString(bad)).isEqualTo("42,ana@example.com\n");
    }

    private static FileSystem localFs() throws IOException {
        return FileSystem.getLocal(new Configuration()).getRaw();
    }
}
