package io.c360.serve.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.c360.lake.model.PiiKind;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Masks personal data for analysts: names become initials, emails and phones keep a hint
 * ({@code j***@e***.com}, {@code *******89}), national ids keep their last two digits, street
 * addresses are hidden. The server applies it before anything leaves; the browser never sees the
 * clear value.
 */
public final class PiiMasker {

    private PiiMasker() {
    }

    public static String mask(PiiKind kind, String value) {
        if (value == null) {
            return null;
        }
        return switch (kind) {
            case NAME -> initials(value);
            case EMAIL -> email(value);
            case PHONE, NATIONAL_ID -> lastDigits(value, 2);
            case CARD_NUMBER -> lastDigits(value, 4);
            case ADDRESS, BIRTH_DATE, INCOME, OTHER -> value.isEmpty() ? value : "***";
        };
    }

    /** A copy of a JSON document with every field whose name denotes personal data masked. */
    public static JsonNode maskDocument(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            ObjectNode out = obj.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = obj.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                JsonNode value = f.getValue();
                out.set(f.getKey(), PiiKind.ofColumn(f.getKey())
                        .filter(k -> value.isValueNode() && !value.isNull())
                        .<JsonNode>map(k -> TextNode.valueOf(mask(k, value.asText())))
                        .orElseGet(() -> maskDocument(value)));
            }
            return out;
        }
        if (node instanceof ArrayNode arr) {
            ArrayNode out = arr.arrayNode();
            arr.forEach(e -> out.add(maskDocument(e)));
            return out;
        }
        return node;
    }

    static String initials(String name) {
        List<String> parts = new ArrayList<>();
        for (String word : name.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                parts.add(word.codePoints().limit(1).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append).toString().toUpperCase() + ".");
            }
        }
        return String.join(" ", parts);
    }

    static String email(String email) {
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        String domain = email.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String host = dot > 0 ? domain.substring(0, dot) : domain;
        String tld = dot > 0 ? domain.substring(dot) : "";
        return email.charAt(0) + "***@" + (host.isEmpty() ? "" : host.charAt(0) + "***") + tld;
    }

    static String lastDigits(String value, int keep) {
        String digits = value.replaceAll("[^0-9]", "");
        if (digits.length() <= keep) {
            return "*".repeat(digits.length());
        }
        return "*".repeat(digits.length() - keep) + digits.substring(digits.length() - keep);
    }
}
