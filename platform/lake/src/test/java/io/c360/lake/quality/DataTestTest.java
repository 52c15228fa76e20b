package io.c360.lake.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataTestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTestIsANameOrAMapWithOneNameAndItsArguments() throws Exception {
        DataTest named = DataTest.parse(JSON.readTree("\"not_null\""), "client_id", "stg_x.yml column client_id");
        DataTest mapped = DataTest.parse(JSON.readTree("{\"accepted_values\": {\"values\": [\"MI\"], \"severity\": \"warn\"}}"), "frequency", "w");

        assertThat(named.label()).isEqualTo("not_null(client_id)");
        assertThat(named.severity()).isEqualTo(DataTest.Severity.ERROR);
        assertThat(mapped.label()).isEqualTo("accepted_values(frequency)");
        assertThat(mapped.severity()).isEqualTo(DataTest.Severity.WARN);
    }

    @Test
    void anUnknownTestIsRefusedWhereItIsDeclared() {
        assertThatThrownBy(() -> DataTest.parse(JSON.readTree("\"not_nul\""), "client_id", "stg_x.yml column client_id"))
                .hasMessage("stg_x.yml column client_id: unknown test 'not_nul' (known: not_null, unique, accepted_values, "
                        + "relationships, expression, row_count_between, freshness)");
    }
}
