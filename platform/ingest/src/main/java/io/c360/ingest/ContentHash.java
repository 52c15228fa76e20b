package io.c360.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of landed bytes: identifies a file drop (the same bytes are landed once). */
public final class ContentHash {

    private ContentHash() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String of(String text) {
        MessageDigest d = newDigest();
        d.update(text.getBytes(StandardCharsets.UTF_8));
        return hex(d);
    }

    public static String of(Path file) {
        MessageDigest d = newDigest();
        try (InputStream in = Files.newInputStream(file); OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), d)) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return hex(d);
    }

    /** Copies {@code from} to {@code to} and returns the SHA-256 of the bytes copied. */
    public static String copy(Path from, Path to) throws IOException {
        MessageDigest d = newDigest();
        try (InputStream in = Files.newInputStream(from);
             OutputStream out = new DigestOutputStream(Files.newOutputStream(to), d)) {
            in.transferTo(out);
        }
        return hex(d);
    }
}
