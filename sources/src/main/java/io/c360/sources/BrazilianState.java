package io.c360.sources;

import java.util.List;
import java.util.SplittableRandom;

/** A Brazilian state with its phone area code, postal-code prefix, main cities and population weight. */
record BrazilianState(String code, String name, String areaCode, int postalPrefix, List<String> cities, int weight) {

    static final List<BrazilianState> ALL = List.of(
            new BrazilianState("SP", "São Paulo", "11", 1, List.of("São Paulo", "Campinas", "Santos", "Guarulhos", "Ribeirão Preto"), 46),
            new BrazilianState("MG", "Minas Gerais", "31", 30, List.of("Belo Horizonte", "Uberlândia", "Contagem", "Juiz de Fora"), 21),
            new BrazilianState("RJ", "Rio de Janeiro", "21", 20, List.of("Rio de Janeiro", "Niterói", "Duque de Caxias", "Nova Iguaçu"), 17),
            new BrazilianState("BA", "Bahia", "71", 40, List.of("Salvador", "Feira de Santana", "Vitória da Conquista"), 15),
            new BrazilianState("PR", "Paraná", "41", 80, List.of("Curitiba", "Londrina", "Maringá"), 11),
            new BrazilianState("RS", "Rio Grande do Sul", "51", 90, List.of("Porto Alegre", "Caxias do Sul", "Pelotas"), 11),
            new BrazilianState("PE", "Pernambuco", "81", 50, List.of("Recife", "Jaboatão dos Guararapes", "Olinda"), 9),
            new BrazilianState("CE", "Ceará", "85", 60, List.of("Fortaleza", "Caucaia", "Juazeiro do Norte"), 9),
            new BrazilianState("PA", "Pará", "91", 66, List.of("Belém", "Ananindeua", "Santarém"), 8),
            new BrazilianState("SC", "Santa Catarina", "48", 88, List.of("Florianópolis", "Joinville", "Blumenau"), 7),
            new BrazilianState("GO", "Goiás", "62", 74, List.of("Goiânia", "Aparecida de Goiânia", "Anápolis"), 7),
            new BrazilianState("MA", "Maranhão", "98", 65, List.of("São Luís", "Imperatriz"), 7),
            new BrazilianState("AM", "Amazonas", "92", 69, List.of("Manaus", "Parintins"), 4),
            new BrazilianState("ES", "Espírito Santo", "27", 29, List.of("Vitória", "Vila Velha", "Serra"), 4),
            new BrazilianState("PB", "Paraíba", "83", 58, List.of("João Pessoa", "Campina Grande"), 4),
            new BrazilianState("RN", "Rio Grande do Norte", "84", 59, List.of("Natal", "Mossoró"), 3),
            new BrazilianState("MT", "Mato Grosso", "65", 78, List.of("Cuiabá", "Várzea Grande"), 3),
            new BrazilianState("AL", "Alagoas", "82", 57, List.of("Maceió", "Arapiraca"), 3),
            new BrazilianState("PI", "Piauí", "86", 64, List.of("Teresina", "Parnaíba"), 3),
            new BrazilianState("DF", "Distrito Federal", "61", 70, List.of("Brasília"), 3),
            new BrazilianState("MS", "Mato Grosso do Sul", "67", 79, List.of("Campo Grande", "Dourados"), 3),
            new BrazilianState("SE", "Sergipe", "79", 49, List.of("Aracaju"), 2),
            new BrazilianState("RO", "Rondônia", "69", 76, List.of("Porto Velho"), 2),
            new BrazilianState("TO", "Tocantins", "63", 77, List.of("Palmas"), 1),
            new BrazilianState("AC", "Acre", "68", 69, List.of("Rio Branco"), 1),
            new BrazilianState("AP", "Amapá", "96", 68, List.of("Macapá"), 1),
            new BrazilianState("RR", "Roraima", "95", 69, List.of("Boa Vista"), 1));

    private static final int TOTAL_WEIGHT = ALL.stream().mapToInt(BrazilianState::weight).sum();

    /** A state drawn by population weight. */
    static BrazilianState pick(SplittableRandom rng) {
        int r = rng.nextInt(TOTAL_WEIGHT);
        for (BrazilianState s : ALL) {
            r -= s.weight;
            if (r < 0) {
                return s;
            }
        }
        throw new IllegalStateException("weights");
    }

    /** A CEP (postal code) of this state, {@code 00000-000}. */
    String postalCode(SplittableRandom rng) {
        int body = postalPrefix * 1000 + rng.nextInt(1000);
        return String.format(java.util.Locale.ROOT, "%05d-%03d", body, rng.nextInt(1000));
    }
}
