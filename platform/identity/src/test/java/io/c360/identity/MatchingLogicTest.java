package io.c360.identity;

import io.c360.lake.Cpf;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.c360.identity.FieldComparison.Kind.DATE;
import static io.c360.identity.FieldComparison.Kind.EMAIL;
import static io.c360.identity.FieldComparison.Kind.NAME;
import static io.c360.identity.FieldComparison.Kind.PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pure logic: comparison levels, CPF, pattern packing, EM, mapping validation. */
class MatchingLogicTest {

    @Test
    void comparisonLevels() {
        assertThat(FieldComparison.level(NAME, "maria", "maria")).isEqualTo(3);
        assertThat(FieldComparison.level(NAME, "maria", "mraia")).isEqualTo(2);
        assertThat(FieldComparison.level(NAME, "maria", "joao")).isZero();
        assertThat(FieldComparison.level(NAME, null, "joao")).isEqualTo(FieldComparison.MISSING);
        assertThat(FieldComparison.level(DATE, "1980-03-12", "1980-12-03")).isEqualTo(2);
        assertThat(FieldComparison.level(DATE, "1980-03-12", "1980-03-13")).isEqualTo(1);
        assertThat(FieldComparison.level(DATE, "1980-12-31", "1981-01-01")).isEqualTo(1);
        assertThat(FieldComparison.level(DATE, "1980-03-12", "1980-05-12")).isZero();
        assertThat(FieldComparison.level(EMAIL, "ana@x.com", "ana@y.com")).isEqualTo(1);
        assertThat(FieldComparison.level(PHONE, "11987654321", "987654321")).isEqualTo(1);
    }

    @Test
    void jaroWinklerGivesTheFiguresOfCommonsText() {
        org.apache.commons.text.similarity.JaroWinklerSimilarity reference = new org.apache.commons.text.similarity.JaroWinklerSimilarity();
        Random random = new Random(5);
        List<String> words = new java.util.ArrayList<>(List.of("maria", "mraia", "marta", "joao", "joana", "souza", "sousa",
                "dwayne", "duane", "dixon", "dicksonx", "martha", "marhta", "a", "ab", "ba", "rua das flores 12", "rua das flroes 12"));
        for (int i = 0; i < 2000; i++) {
            char[] w = new char[1 + random.nextInt(i % 10 == 0 ? 90 : 12)];
            for (int k = 0; k < w.length; k++) {
                w[k] = (char) ('a' + random.nextInt(5));
            }
            words.add(new String(w));
        }
        for (int i = 0; i < 20_000; i++) {
            String x = words.get(random.nextInt(words.size()));
            String y = words.get(random.nextInt(words.size()));
            assertThat(JaroWinkler.similarity(x.toCharArray(), y.toCharArray())).as(x + " ~ " + y)
                    .isEqualTo(reference.apply(x, y));
        }
    }

    @Test
    void swappedNamesCompareCrosswise() {
        IdentityMapping m = IdentityMapping.lakeDefault();
        ComparisonVector v = new ComparisonVector(m.comparisons());
        String[] a = new String[m.comparisons().size()];
        String[] b = new String[m.comparisons().size()];
        a[0] = "ana";
        a[1] = "souza";
        b[0] = "souza";
        b[1] = "ana";
        int[] levels = v.levels(a, b);
        assertThat(levels[0]).isEqualTo(3);
        assertThat(levels[1]).isEqualTo(3);
        assertThat(v.decode(ComparisonVector.encode(levels))).isEqualTo(levels);
    }

    @Test
    void cpfCheckDigits() {
        assertThat(Cpf.valid("52998224725")).isTrue();
        assertThat(Cpf.valid("52998224726")).isFalse();
        assertThat(Cpf.valid("11111111111")).isFalse();
        assertThat(Cpf.format("52998224725")).isEqualTo("529.982.247-25");
    }

    @Test
    void emRecoversMAndUFromSimulatedPairs() {
        // two fields, true m = (0.9 agree), u = (0.05 agree); 20% of candidate pairs are matches
        IdentityMapping.Comparison c = new IdentityMapping.Comparison("city", FieldComparison.Kind.EXACT);
        List<IdentityMapping.Comparison> comparisons = List.of(c, new IdentityMapping.Comparison("country", FieldComparison.Kind.EXACT),
                new IdentityMapping.Comparison("state", FieldComparison.Kind.EXACT));
        ComparisonVector v = new ComparisonVector(comparisons);
        Random r = new Random(1);
        Map<Integer, Long> candidates = new HashMap<>();
        Map<Integer, Long> random = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            boolean match = r.nextDouble() < 0.2;
            int[] levels = new int[3];
            for (int f = 0; f < 3; f++) {
                levels[f] = r.nextDouble() < (match ? 0.9 : 0.05) ? 1 : 0;
            }
            candidates.merge(ComparisonVector.encode(levels), 1L, Long::sum);
            int[] noise = new int[3];
            for (int f = 0; f < 3; f++) {
                noise[f] = r.nextDouble() < 0.05 ? 1 : 0;
            }
            random.merge(ComparisonVector.encode(noise), 1L, Long::sum);
        }
        MatchModel model = MatchModel.estimate(List.of("city", "country", "state"), v,
                List.of(new MatchModel.TrainingSession(Set.of(), candidates)), candidates, random, 1000, 200);
        for (int f = 0; f < 3; f++) {
            assertThat(model.m()[f][1]).isBetween(0.87, 0.93);
            assertThat(model.u()[f][1]).isBetween(0.04, 0.06);
        }
        // 20% of 200,000 candidate pairs are matches, out of 1000*999/2 possible pairs
        assertThat(model.lambda() * 1000 * 999 / 2).isBetween(36_000.0, 44_000.0);
        assertThat(MatchModel.fromJson(model.toJson()).weight(new int[]{1, 1, 0})).isEqualTo(model.weight(new int[]{1, 1, 0}));
    }

    @Test
    void mappingErrorsNameTheFileAndEntry(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("m.yml");
        java.nio.file.Files.writeString(f, "sources:\n  - source: a\n    record-key: id\n    fields: {nickname: nick}\n");
        assertThatThrownBy(() -> IdentityMapping.load(f)).hasMessageContaining("m.yml: sources[0].fields: unknown identity field 'nickname'");
        java.nio.file.Files.writeString(f, "sources:\n  - source: a\n    fields: {email: mail}\n");
        assertThatThrownBy(() -> IdentityMapping.load(f)).hasMessageContaining("sources[0].record-key: missing");
    }

    @Test
    void lakeMappingDeclaresTheStageTables() {
        IdentityMapping m = IdentityMapping.lakeDefault();
        assertThat(m.sources()).extracting(IdentityMapping.SourceMapping::table).containsExactly(
                "stage.stg_crm__customers", "stage.stg_dispositions__dispositions", "stage.stg_retail__orders", "stage.stg_web__visitor_map");
        assertThat(m.source("retail").fields()).containsEntry("full_name", "contact_name").containsEntry("email", "contact_email");
        assertThat(m.keyNames()).containsExactly("client_id");
    }
}
