package io.c360.lake.raw;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class JsonFieldNamesTest {

    @Test
    void readsOnlyTopLevelNamesOfStrictAndSingleQuotedLines() {
        Set<String> names = new LinkedHashSet<>();
        JsonFieldNames.topLevelNames("{\"visitId\": \"1\", \"totals\": {\"hits\": 3}, \"hits\": [{\"page\": {\"pagePath\": \"/\"}}]}", names);
        JsonFieldNames.topLevelNames("{'client_id': 7, 'address': {'city': 'Recife'}, 'tags': ['a', 'b'], 'ok': null}", names);

        assertThat(names).containsExactly("visitId", "totals", "hits", "client_id", "address", "tags", "ok");
    }

    @Test
    void aLineThatIsNotAnObjectAddsNothingAndABrokenOneOnlyWhatPrecedesTheError() {
        Set<String> names = new LinkedHashSet<>();
        JsonFieldNames.topLevelNames("[1, 2]", names);
        JsonFieldNames.topLevelNames("not json", names);
        JsonFieldNames.topLevelNames("{\"a\": 1, \"b\": {\"c\": ", names);

        assertThat(names).containsExactly("a", "b");
    }
}
