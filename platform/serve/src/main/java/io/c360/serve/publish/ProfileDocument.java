package io.c360.serve.publish;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.c360.lake.model.ColumnDoc;
import io.c360.serve.store.LookupKey;
import io.c360.serve.store.Profile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a customer_360 row (with its lookup keys) into the profile the store serves: the columns
 * grouped into one object per dimension, in the model's column order, nulls kept (null = the
 * source has nothing). Columns without a dimension stay at the top level.
 */
final class ProfileDocument {

    static final String LOOKUP_KEYS = "lookup_keys";
    /** Changes on every run without the customer changing; the store's version records the run. */
    private static final String AS_OF = "as_of_date";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<Field> fields = new ArrayList<>();
    private final int customerId;
    private final int name;
    private final int branches;
    private final int keys;

    private record Field(int index, String name, String dimension) {
    }

    ProfileDocument(List<ColumnDoc> columns, StructType schema) {
        Map<String, String> dimensions = columns.stream().collect(Collectors.toMap(ColumnDoc::name, ColumnDoc::dimension));
        for (String column : schema.fieldNames()) {
            if (!column.equals(AS_OF) && !column.equals(LOOKUP_KEYS)) {
                fields.add(new Field(schema.fieldIndex(column), column, dimensions.getOrDefault(column, "")));
            }
        }
        customerId = schema.fieldIndex("customer_id");
        name = schema.fieldIndex("full_name");
        branches = schema.fieldIndex("branch_ids");
        keys = schema.fieldIndex(LOOKUP_KEYS);
    }

    Profile profile(Row row) {
        ObjectNode doc = NODES.objectNode();
        for (Field f : fields) {
            ObjectNode group = f.dimension().isEmpty() ? doc : doc.has(f.dimension())
                    ? (ObjectNode) doc.get(f.dimension()) : doc.putObject(f.dimension());
            group.set(f.name(), json(row.get(f.index())));
        }
        List<String> branchIds = row.isNullAt(branches) ? List.of() : row.getList(branches);
        return new Profile(row.getString(customerId), row.getString(name), doc, lookupKeys(row), branchIds);
    }

    private List<LookupKey> lookupKeys(Row row) {
        if (row.isNullAt(keys)) {
            return List.of();
        }
        List<Row> pairs = row.getList(keys);
        return pairs.stream().map(k -> LookupKey.of(k.getString(0), k.getString(1))).distinct().toList();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof scala.collection.Seq<?> seq) {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < seq.length(); i++) {
                array.add(json(seq.apply(i)));
            }
            return array;
        }
        return SCALARS.getOrDefault(v.getClass(), o -> NODES.textNode(o.toString())).apply(v);
    }

    private static final Map<Class<?>, Function<Object, com.fasterxml.jackson.databind.JsonNode>> SCALARS = Map.of(
            String.class, o -> NODES.textNode((String) o),
            Long.class, o -> NODES.numberNode((Long) o),
            Integer.class, o -> NODES.numberNode((Integer) o),
            Double.class, o -> NODES.numberNode((Double) o),
            BigDecimal.class, o -> NODES.numberNode((BigDecimal) o),
            Boolean.class, o -> NODES.booleanNode((Boolean) o),
            Date.class, o -> NODES.textNode(o.toString()),
            LocalDate.class, o -> NODES.textNode(o.toString()),
            Timestamp.class, o -> NODES.textNode(((Timestamp) o).toInstant().toString()),
            Instant.class, o -> NODES.textNode(o.toString()));
}
