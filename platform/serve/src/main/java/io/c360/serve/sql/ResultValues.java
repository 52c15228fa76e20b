package io.c360.serve.sql;

import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Spark values as JSON-friendly Java values: dates and timestamps as ISO text, structs as objects, arrays as lists. */
public final class ResultValues {

    private ResultValues() {
    }

    public static Object toJson(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Short || v instanceof Byte || v instanceof BigDecimal) {
            return v;
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? d.toString() : d;
        }
        if (v instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? f.toString() : f.doubleValue();
        }
        if (v instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (v instanceof Date || v instanceof LocalDate || v instanceof Instant || v instanceof LocalDateTime) {
            return v.toString();
        }
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        if (v instanceof Row r) {
            Map<String, Object> m = new LinkedHashMap<>();
            String[] names = r.schema() == null ? null : r.schema().fieldNames();
            for (int i = 0; i < r.length(); i++) {
                m.put(names == null ? "_" + (i + 1) : names[i], toJson(r.get(i)));
            }
            return m;
        }
        if (v instanceof scala.collection.Seq<?> s) {
            List<Object> out = new ArrayList<>();
            JavaConverters.seqAsJavaList(s).forEach(e -> out.add(toJson(e)));
            return out;
        }
        if (v instanceof scala.collection.Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            JavaConverters.mapAsJavaMap(m).forEach((k, val) -> out.put(String.valueOf(k), toJson(val)));
            return out;
        }
        return v.toString();
    }
}
