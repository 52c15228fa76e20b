package io.c360.ingest.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens a landed text file for checking: gunzips {@code *.gz}, decodes strictly with the declared
 * encoding (undecodable bytes are an error, not replacement characters) and skips a UTF-8 BOM.
 */
final class TextFile {

    private TextFile() {
    }

    static BufferedReader open(Path file, String encoding) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        PushbackInputStream pb = new PushbackInputStream(in, 3);
        byte[] head = pb.readNBytes(3);
        boolean bom = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        if (!bom && head.length > 0) {
            pb.unread(head);
        }
        var decoder = Charset.forName(encoding).newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(pb, decoder), 1 << 16);
    }

    /** A NUL or other C0 control character (besides tab, CR, LF, FF) means binary content. */
    static boolean isBinaryChar(char c) {
        return c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f';
    }
}
