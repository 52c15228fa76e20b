package io.c360.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A strict reader of the workshop's source formats, written from the fixture files (not from the
 * simulator's code): the same rules are applied to the fixtures and to generated files. A record
 * either parses or is rejected with a reason naming line and field.
 */
final class WorkshopFormatReader {

    static final String WORKSHOP_RETAIL_HEADER = "Row_ID,Order_ID,Order_Date,Date_Key,Contact_Name,Country,City,Region,"
            + "Subregion,Customer,client_id,Industry,Segment,Product,License,Sales,Quantity,Discount,Profit";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_KEY = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    /** Records read and records rejected (with their reasons). */
    record Result(List<List<String>> rows, List<String> rejects) {
        int total() {
            return rows.size() + rejects.size();
        }

        double rejectShare() {
            return total() == 0 ? 0 : rejects.size() / (double) total();
        }
    }

    private interface RowRule {
        /** Null when the row is valid, else the reason. */
        String check(List<String> fields);
    }

    private WorkshopFormatReader() {
    }

    static Result accounts(Path file) throws IOException {
        return headerless(file, 4, f -> first(
                integer("account_id", f.get(0)), integer("branch_id", f.get(1)),
                oneOf("frequency", f.get(2), Set.of("MI", "WI", "TI")), dateTime("date_of_creation", f.get(3))));
    }

    static Result cards(Path file) throws IOException {
        return headerless(file, 4, f -> first(
                f.get(0).matches("\\d{16}") ? null : "card_id: '" + f.get(0) + "' is not 16 digits",
                integer("disp_id", f.get(1)), oneOf("type", f.get(2), Set.of("classic", "gold", "junior")),
                dateTime("issued_datetime", f.get(3))));
    }

    static Result dispositions(Path file) throws IOException {
        return headerless(file, 4, f -> first(integer("disp_id", f.get(0)), integer("account_id", f.get(1)),
                integer("client_id", f.get(2)), oneOf("type", f.get(3), Set.of("owner", "user"))));
    }

    static Result visitorMap(Path file) throws IOException {
        return headerless(file, 2, f -> first(
                f.get(0).matches("\\d{1,20}") ? null : "fullVisitorId: '" + f.get(0) + "' is not a number",
                integer("client_id", f.get(1))));
    }

    /** UTF-8 BOM, the workshop header (optionally + Contact_Email), CRLF line ends. */
    static Result retail(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!text.startsWith("\uFEFF")) {
            throw new IllegalArgumentException(file + ": no UTF-8 byte-order mark");
        }
        if (text.replace("\r\n", "").indexOf('\n') >= 0) {
            throw new IllegalArgumentException(file + ": a line does not end with CRLF");
        }
        String[] lines = text.substring(1).split("\r\n");
        String header = lines[0];
        if (!header.equals(WORKSHOP_RETAIL_HEADER) && !header.equals(WORKSHOP_RETAIL_HEADER + ",Contact_Email")) {
            throw new IllegalArgumentException(file + ": unexpected header " + header);
        }
        int columns = header.split(",").length;
        List<List<String>> rows = new ArrayList<>();
        List<String> rejects = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            List<String> f = csv(lines[i]);
            String reason = f.size() != columns ? "expected " + columns + " fields, got " + f.size() : first(
                    integer("Row_ID", f.get(0)), usDate(f.get(2)), dateKey(f.get(3)),
                    f.get(10).isEmpty() ? null : integer("client_id", f.get(10)),
                    decimal("Sales", f.get(15)), integer("Quantity", f.get(16)), decimal("Discount", f.get(17)),
                    decimal("Profit", f.get(18)));
            collect(file, i + 1, f, reason, rows, rejects);
        }
        return new Result(rows, rejects);
    }

    /** GA360 export: one session per line with the nested shape of the workshop files. */
    static Result webSessions(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> rejects = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String reason;
            JsonNode s = null;
            try {
                s = JSON.readTree(lines.get(i));
                reason = session(s);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                reason = "not JSON (truncated?): " + e.getOriginalMessage();
            }
            collect(file, i + 1, s == null ? List.of() : List.of(s.path("fullVisitorId").asText(), s.path("date").asText(),
                    Integer.toString(s.path("hits").size())), reason, rows, rejects);
        }
        return new Result(rows, rejects);
    }

    private static String session(JsonNode s) {
        for (String path : List.of("/visitNumber", "/visitId", "/visitStartTime", "/date", "/totals/hits", "/totals/pageviews",
                "/trafficSource/source", "/trafficSource/medium", "/device/isMobile", "/device/deviceCategory",
                "/geoNetwork/country", "/fullVisitorId", "/channelGrouping")) {
            if (s.at(path).isMissingNode() || s.at(path).isNull()) {
                return "missing " + path;
            }
        }
        if (!s.path("customDimensions").isArray() || !s.path("hits").isArray() || s.path("hits").isEmpty()) {
            return "customDimensions and hits must be arrays, hits not empty";
        }
        if (!s.path("fullVisitorId").isTextual() || !s.path("device").path("isMobile").isBoolean()) {
            return "fullVisitorId must be a string and device.isMobile a boolean";
        }
        for (JsonNode h : s.path("hits")) {
            if (!h.path("page").path("pagePath").isTextual() || !h.path("product").isArray()
                    || !h.path("eCommerceAction").path("action_type").isTextual() || !h.path("hitNumber").isInt()) {
                return "hit " + h.path("hitNumber") + ": needs page.pagePath, product[], eCommerceAction.action_type";
            }
        }
        return s.path("totals").path("hits").asInt() == s.path("hits").size() ? null : "totals.hits differs from hits[]";
    }

    /**
     * CRM customers: one record per line, strict JSON (API items) or the workshop's Python-dict
     * form (single quotes). Workshop fields always; the identity fields when present.
     */
    static Result crm(List<String> lines) {
        List<List<String>> rows = new ArrayList<>();
        List<String> rejects = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            String json = line.startsWith("{'") ? line.replace('\'', '"').replace(": None", ": null") : line;
            String reason;
            JsonNode c = null;
            try {
                c = JSON.readTree(json);
                reason = customer(c);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                reason = "not a record: " + e.getOriginalMessage();
            }
            if (reason == null) {
                rows.add(List.of(c.path("client_id").asText()));
            } else {
                rejects.add("line " + (i + 1) + ": " + reason);
            }
        }
        return new Result(rows, rejects);
    }

    private static String customer(JsonNode c) {
        String workshop = first(
                c.path("client_id").canConvertToLong() ? null : "client_id: not an integer",
                date("birth_date", c.path("birth_date").asText()),
                c.path("age").isInt() ? null : "age: not an integer",
                oneOf("home_ownership", c.path("home_ownership").asText(), Set.of("O", "R", "U")),
                c.path("occupation").isTextual() ? null : "occupation: missing",
                oneOf("marital_status", c.path("marital_status").asText(), Set.of("M", "S", "D")),
                oneOf("head_of_household_flag", c.path("head_of_household_flag").asText(), Set.of("Y", "N")),
                dateTime("client_created_date", c.path("client_created_date").asText()));
        if (workshop != null || !c.has("updated_at")) {
            return workshop;
        }
        JsonNode income = c.path("annual_income");
        return first(
                income.isMissingNode() || income.isNull() || income.isNumber() ? null : "annual_income: '" + income.asText() + "' is not a number",
                c.path("national_id").isNull() || Cpf.valid(c.path("national_id").asText()) ? null
                        : "national_id: '" + c.path("national_id").asText() + "' is not a valid CPF",
                c.path("address").path("country").isTextual() ? null : "address.country: missing",
                instant("updated_at", c.path("updated_at").asText()));
    }

    private static Result headerless(Path file, int columns, RowRule rule) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> rejects = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            List<String> f = List.of(lines.get(i).split(",", -1));
            String reason = f.size() != columns ? "expected " + columns + " fields, got " + f.size() : rule.check(f);
            collect(file, i + 1, f, reason, rows, rejects);
        }
        return new Result(rows, rejects);
    }

    private static void collect(Path file, int line, List<String> fields, String reason, List<List<String>> rows, List<String> rejects) {
        if (reason == null) {
            rows.add(fields);
        } else {
            rejects.add(file.getFileName() + " line " + line + ": " + reason);
        }
    }

    static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        out.add(field.toString());
        return out;
    }

    private static String first(String... reasons) {
        for (String r : reasons) {
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private static String integer(String field, String v) {
        return v.matches("-?\\d{1,18}") ? null : field + ": '" + v + "' is not an integer";
    }

    private static String decimal(String field, String v) {
        return v.matches("-?\\d+(\\.\\d+)?") ? null : field + ": '" + v + "' is not a number";
    }

    private static String oneOf(String field, String v, Set<String> allowed) {
        return allowed.contains(v) ? null : field + ": '" + v + "' is not one of " + allowed;
    }

    private static String dateTime(String field, String v) {
        try {
            LocalDateTime.parse(v);
            return null;
        } catch (RuntimeException e) {
            return field + ": '" + v + "' is not an ISO date-time";
        }
    }

    private static String date(String field, String v) {
        try {
            LocalDate.parse(v);
            return null;
        } catch (RuntimeException e) {
            return field + ": '" + v + "' is not an ISO date";
        }
    }

    private static String instant(String field, String v) {
        try {
            Instant.parse(v);
            return null;
        } catch (RuntimeException e) {
            return field + ": '" + v + "' is not an ISO instant";
        }
    }

    private static String usDate(String v) {
        try {
            LocalDate.parse(v, US_DATE);
            return null;
        } catch (RuntimeException e) {
            return "Order_Date: '" + v + "' is not a M/D/YYYY date";
        }
    }

    private static String dateKey(String v) {
        try {
            LocalDate.parse(v, DATE_KEY);
            return null;
        } catch (RuntimeException e) {
            return "Date_Key: '" + v + "' is not YYYYMMDD";
        }
    }

    /** Brazilian CPF check digits, independent of the library that generates them. */
    static final class Cpf {
        private Cpf() {
        }

        static boolean valid(String cpf) {
            if (!cpf.matches("\\d{3}\\.\\d{3}\\.\\d{3}-\\d{2}")) {
                return false;
            }
            String d = cpf.replaceAll("\\D", "");
            return digit(d, 9) == d.charAt(9) - '0' && digit(d, 10) == d.charAt(10) - '0';
        }

        private static int digit(String d, int n) {
            int sum = 0;
            for (int i = 0; i < n; i++) {
                sum += (d.charAt(i) - '0') * (n + 1 - i);
            }
            int r = sum * 10 % 11;
            return r == 10 ? 0 : r;
        }
    }
}
