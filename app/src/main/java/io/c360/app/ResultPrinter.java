package io.c360.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.io.PrintWriter;
import java.util.List;

/** Prints query results as an aligned table, RFC 4180 CSV or JSON lines. */
final class ResultPrinter {

    enum Format { table, csv, json }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultPrinter() {
    }

    static void print(StructType schema, List<Row> rows, Format format, PrintWriter out) {
        String[] names = schema.fieldNames();
        switch (format) {
            case csv -> printCsv(names, rows, out);
            case json -> printJson(rows, out);
            default -> printTable(names, rows, out);
        }
        out.flush();
    }

    private static void printTable(String[] names, List<Row> rows, PrintWriter out) {
        int[] width = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            width[i] = names[i].length();
            for (Row r : rows) {
                width[i] = Math.max(width[i], Math.min(60, text(r, i).length()));
            }
        }
        StringBuilder rule = new StringBuilder("+");
        for (int w : width) {
            rule.append("-".repeat(w + 2)).append('+');
        }
        out.println(rule);
        out.println(line(names, width));
        out.println(rule);
        for (Row r : rows) {
            String[] cells = new String[names.length];
            for (int i = 0; i < names.length; i++) {
                String t = text(r, i);
                cells[i] = t.length() > 60 ? t.substring(0, 57) + "..." : t;
            }
            out.println(line(cells, width));
        }
        out.println(rule);
        out.println(rows.size() + (rows.size() == 1 ? " row" : " rows"));
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            sb.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length())).append(" |");
        }
        return sb.toString();
    }

    private static void printCsv(String[] names, List<Row> rows, PrintWriter out) {
        out.println(csvLine(names));
        for (Row r : rows) {
            String[] cells = new String[names.length];
            for (int i = 0; i < names.length; i++) {
                cells[i] = r.isNullAt(i) ? "" : text(r, i);
            }
            out.println(csvLine(cells));
        }
    }

    private static String csvLine(String[] cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells[i];
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void printJson(List<Row> rows, PrintWriter out) {
        for (Row r : rows) {
            try {
                out.println(JSON.writeValueAsString(JSON.readTree(r.json())));
            } catch (Exception e) {
                throw new IllegalStateException("cannot render row as JSON: " + e.getMessage(), e);
            }
        }
    }

    private static String text(Row r, int i) {
        return r.isNullAt(i) ? "NULL" : String.valueOf(r.get(i));
    }
}
