package io.c360.lifecycle.erasure;

import io.c360.runtime.sources.ColumnSpec;
import io.c360.runtime.sources.ColumnType;
import io.c360.runtime.sources.EntityLayout;
import io.c360.runtime.sources.LayoutFormat;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A raw record is the person's by its key field (in each raw format) or by their e-mail / CPF anywhere in the line. */
class RecordMatcherTest {

    private static EntityLayout layout(LayoutFormat format, boolean header, List<ColumnSpec> columns) {
        return new EntityLayout("s", "e", null, null, format, header, ",", "UTF-8", columns, null);
    }

    private static ColumnSpec column(String name, int width) {
        return new ColumnSpec(name, ColumnType.STRING, null, width, false);
    }

    @Test
    void delimitedLinesMatchOnTheKeyColumnNamedByTheHeaderQuotesIncluded() {
        RecordMatcher m = new RecordMatcher(layout(LayoutFormat.DELIMITED, true, List.of(column("Row_ID", 0), column("client_id", 0))),
                Map.of("client_id", Set.of("42")), List.of());
        m.header("\uFEFFRow_ID,Contact_Name,client_id");
        assertThat(m.matches("7,\"Silva, Ana\",42")).isTrue();
        assertThat(m.matches("7,\"Silva, Ana\",421")).isFalse();
        assertThat(m.matches("42,Bob,")).as("42 in another column").isFalse();
    }

    @Test
    void jsonLinesMatchOnTheFieldInStrictJsonAndPythonDictLines() {
        RecordMatcher m = new RecordMatcher(layout(LayoutFormat.JSONL, false, List.of()), Map.of("client_id", Set.of("5001")), List.of());
        assertThat(m.matches("{\"client_id\": 5001, \"first_name\": \"Ana\"}")).isTrue();
        assertThat(m.matches("{'client_id': 5001, 'email': None, 'vip': True}")).isTrue();
        assertThat(m.matches("{\"client_id\": 15001, \"note\": \"5001\"}")).isFalse();
        assertThat(m.matches("{\"client_id\": 5001, truncated")).as("unparseable: identifiers only").isFalse();
    }

    @Test
    void fixedWidthLinesMatchOnTheFieldPosition() {
        RecordMatcher m = new RecordMatcher(layout(LayoutFormat.FIXED_WIDTH, false, List.of(column("branch", 4), column("client", 6))),
                Map.of("client", Set.of("77")), List.of());
        assertThat(m.matches("0001    77")).isTrue();
        assertThat(m.matches("0077    12")).isFalse();
    }

    @Test
    void strongIdentifiersMatchAnyLineCaseInsensitively() {
        RecordMatcher m = new RecordMatcher(layout(LayoutFormat.DELIMITED, false, List.of(column("a", 0))), Map.of(),
                List.of("ana@example.com", "123.456.789-09"));
        assertThat(m.matches("x,ANA@Example.com,y")).isTrue();
        assertThat(m.matches("{'cpf': '123.456.789-09', broken")).isTrue();
        assertThat(m.matches("x,bob@example.com,y")).isFalse();
    }
}
