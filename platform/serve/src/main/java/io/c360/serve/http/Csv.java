package io.c360.serve.http;

import io.c360.serve.sql.ResultColumn;

import java.util.List;

/** RFC 4180 CSV of a query result, with a header line. */
final class Csv {

    private Csv() {
    }

    static String of(List<ResultColumn> columns, List<Object[]> rows) {
        StringBuilder sb = new StringBuilder();
        line(sb, columns.stream().map(ResultColumn::name).toArray());
        rows.forEach(r -> line(sb, r));
        return sb.toString();
    }

    private static void line(StringBuilder sb, Object[] cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells[i] == null ? "" : cells[i] instanceof String s ? s : json(cells[i]);
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        sb.append("\r\n");
    }

    private static String json(Object v) {
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        try {
            return Json.MAPPER.writeValueAsString(v);
        } catch (Exception e) {
            return String.valueOf(v);
        }
    }
}
