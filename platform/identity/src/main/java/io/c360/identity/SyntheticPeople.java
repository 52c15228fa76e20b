package io.c360.identity;

import io.c360.lake.Cpf;
import io.c360.lake.DriverRows;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic person records with known truth, shaped like the stage tables of
 * {@code identity/mapping.yml} (CRM customers, disposition clients, retail contacts, web visitor
 * map). Stands in for the source simulators in tests and in {@code c360 bench identity}. Each
 * person is generated from its own seed, so persons 0..N-1 are the same whatever N is: a larger
 * N adds new people without changing the others. Chaos: CRM duplicates with typos, swapped
 * names, email casing, missing fields and day-month swapped birth dates; guest purchases without
 * client_id; shoppers and visitors who are not CRM clients. Common Brazilian names make many
 * different people share a name.
 */
public final class SyntheticPeople {

    private static final String[] FIRST = ("maria ana francisca antonia adriana juliana marcia fernanda patricia aline sandra camila"
            + " amanda bruna jessica leticia julia luciana vanessa mariana gabriela vera vitoria larissa claudia beatriz rita"
            + " luana sonia renata eliane jose joao antonio francisco carlos paulo pedro lucas luiz marcos luis gabriel rafael"
            + " daniel marcelo bruno eduardo felipe raimundo rodrigo manoel mateus andre fernando fabio leonardo gustavo"
            + " guilherme leandro tiago anderson ricardo jorge alexandre roberto sergio vinicius diego thiago samuel otavio").split(" ");
    private static final String[] LAST = ("silva santos oliveira souza rodrigues ferreira alves pereira lima gomes costa ribeiro"
            + " martins carvalho almeida lopes soares fernandes vieira barbosa rocha dias nascimento andrade moreira nunes"
            + " marques machado mendes freitas cardoso ramos goncalves santana teixeira araujo pinto correia cavalcanti"
            + " monteiro moura batista campos reis castro melo azevedo dantas barros").split(" ");
    private static final String[][] CITIES = {{"Sao Paulo", "SP"}, {"Rio de Janeiro", "RJ"}, {"Belo Horizonte", "MG"},
            {"Salvador", "BA"}, {"Fortaleza", "CE"}, {"Curitiba", "PR"}, {"Recife", "PE"}, {"Porto Alegre", "RS"},
            {"Manaus", "AM"}, {"Belem", "PA"}, {"Goiania", "GO"}, {"Campinas", "SP"}, {"Santos", "SP"}, {"Niteroi", "RJ"}};
    private static final String[] DOMAINS = {"gmail.com", "hotmail.com", "yahoo.com.br", "uol.com.br", "outlook.com", "bol.com.br"};
    private static final String[] STREETS = {"Rua das Flores", "Avenida Paulista", "Rua Augusta", "Rua XV de Novembro",
            "Avenida Brasil", "Rua da Consolacao", "Rua Sete de Setembro", "Avenida Atlantica"};

    public static final StructType CRM = new StructType().add("client_id", DataTypes.StringType)
            .add("first_name", DataTypes.StringType).add("last_name", DataTypes.StringType).add("email", DataTypes.StringType)
            .add("phone", DataTypes.StringType).add("national_id", DataTypes.StringType).add("birth_date", DataTypes.StringType)
            .add("address_city", DataTypes.StringType).add("address_state", DataTypes.StringType)
            .add("address_postal_code", DataTypes.StringType).add("address_street", DataTypes.StringType);
    public static final StructType DISPOSITIONS = new StructType().add("client_id", DataTypes.StringType)
            .add("disp_id", DataTypes.StringType).add("account_id", DataTypes.StringType);
    public static final StructType RETAIL = new StructType().add("row_id", DataTypes.StringType)
            .add("contact_name", DataTypes.StringType).add("contact_email", DataTypes.StringType).add("city", DataTypes.StringType)
            .add("country", DataTypes.StringType).add("client_id", DataTypes.StringType);
    public static final StructType VISITORS = new StructType().add("full_visitor_id", DataTypes.StringType)
            .add("client_id", DataTypes.StringType);
    public static final StructType TRUTH = new StructType().add("source", DataTypes.StringType)
            .add("entity", DataTypes.StringType).add("record_key", DataTypes.StringType).add("person_id", DataTypes.StringType);

    /** Rows per source name of {@code identity/mapping.yml}, plus the truth. */
    public record Batch(List<Row> crm, List<Row> dispositions, List<Row> retail, List<Row> visitors, List<Row> truth) {

        public Map<String, Dataset<Row>> frames(SparkSession spark) {
            Map<String, Dataset<Row>> m = new LinkedHashMap<>();
            m.put("crm", DriverRows.frame(spark, crm, CRM));
            m.put("dispositions", DriverRows.frame(spark, dispositions, DISPOSITIONS));
            m.put("retail", DriverRows.frame(spark, retail, RETAIL));
            m.put("web", DriverRows.frame(spark, visitors, VISITORS));
            return m;
        }

        public Dataset<Row> truthFrame(SparkSession spark) {
            return DriverRows.frame(spark, truth, TRUTH);
        }

        public long records() {
            return crm.size() + dispositions.size() + retail.size() + visitors.size();
        }
    }

    private final long seed;

    public SyntheticPeople(long seed) {
        this.seed = seed;
    }

    /** People {@code from} (inclusive) to {@code to} (exclusive). */
    public Batch people(int from, int to) {
        Batch b = new Batch(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int p = from; p < to; p++) {
            person(p, b);
        }
        return b;
    }

    private void person(int p, Batch b) {
        Random r = new Random(seed * 1_000_003L + p);
        String personId = "P" + p;
        String first = FIRST[r.nextInt(FIRST.length)];
        String last = LAST[r.nextInt(LAST.length)];
        String email = (r.nextBoolean() ? first + "." + last : first.charAt(0) + last) + p + "@" + DOMAINS[r.nextInt(DOMAINS.length)];
        String phone = String.format(Locale.ROOT, "+55 (%02d) 9%04d-%04d", 11 + r.nextInt(80), r.nextInt(10000), r.nextInt(10000));
        String cpf = cpf(r);
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(r.nextInt(65 * 365));
        String[] city = CITIES[r.nextInt(CITIES.length)];
        String postal = String.format(Locale.ROOT, "%05d-%03d", r.nextInt(100000), r.nextInt(1000));
        String street = STREETS[r.nextInt(STREETS.length)] + ", " + (1 + r.nextInt(3000));
        double kind = r.nextDouble();
        boolean inCrm = kind < 0.85;
        String clientId = Long.toString(100_000L + 2L * p);
        if (inCrm) {
            crm(b, personId, clientId, cap(first), cap(last), email, phone, Cpf.format(cpf), birth.toString(), city, postal, street);
            if (r.nextDouble() < 0.12) {
                duplicate(r, b, personId, Long.toString(100_001L + 2L * p), first, last, email, phone, cpf, birth, city, postal, street);
            }
            if (r.nextDouble() < 0.8) {
                b.dispositions.add(RowFactory.create(clientId, "D" + p, "A" + p));
                b.truth.add(RowFactory.create("dispositions", "dispositions", clientId, personId));
            }
        }
        boolean shops = inCrm ? r.nextDouble() < 0.35 : kind < 0.93;
        if (shops) {
            int orders = 1 + r.nextInt(3);
            for (int o = 0; o < orders; o++) {
                String rowId = Long.toString(10L * p + o);
                String name = cap(r.nextDouble() < 0.05 ? typo(r, first) : first) + " " + cap(last);
                String mail = r.nextDouble() < 0.2 ? email.toUpperCase(Locale.ROOT) : email;
                String client = inCrm && r.nextDouble() < 0.5 ? clientId : "";
                b.retail.add(RowFactory.create(rowId, name, r.nextDouble() < 0.05 ? "" : mail, city[0], "Brazil", client));
                b.truth.add(RowFactory.create("retail", "orders", rowId, personId));
            }
        }
        if (inCrm && r.nextDouble() < 0.4) {
            int visitors = 1 + r.nextInt(2);
            for (int v = 0; v < visitors; v++) {
                String visitorId = Long.toString(Math.abs((seed + 7) * 31 + p * 1_000_003L + v));
                b.visitors.add(RowFactory.create(visitorId, clientId));
                b.truth.add(RowFactory.create("web", "visitor_map", visitorId, personId));
            }
        }
    }

    private void duplicate(Random r, Batch b, String personId, String clientId, String first, String last, String email,
                           String phone, String cpf, LocalDate birth, String[] city, String postal, String street) {
        String f = r.nextDouble() < 0.3 ? typo(r, first) : first;
        String l = r.nextDouble() < 0.3 ? typo(r, last) : last;
        if (r.nextDouble() < 0.15) {
            String t = f;
            f = l;
            l = t;
        }
        String mail = r.nextDouble() < 0.3 ? null : r.nextBoolean() ? email.toUpperCase(Locale.ROOT) : email.replace("@", "1@");
        String bd = birth.toString();
        double d = r.nextDouble();
        if (d < 0.1 && birth.getDayOfMonth() <= 12) {
            bd = LocalDate.of(birth.getYear(), birth.getDayOfMonth(), birth.getMonthValue()).toString();
        } else if (d < 0.15) {
            bd = birth.plusDays(1).toString();
        } else if (d < 0.25) {
            bd = null;
        }
        crm(b, personId, clientId, cap(f), cap(l), mail, r.nextDouble() < 0.3 ? null : phone.replaceAll("[^0-9]", ""),
                r.nextDouble() < 0.5 ? null : Cpf.format(cpf), bd, city, r.nextDouble() < 0.2 ? null : postal, street);
    }

    private static void crm(Batch b, String personId, String clientId, String first, String last, String email, String phone,
                            String cpf, String birth, String[] city, String postal, String street) {
        b.crm.add(RowFactory.create(clientId, first, last, email, phone, cpf, birth, city[0], city[1], postal, street));
        b.truth.add(RowFactory.create("crm", "customers", clientId, personId));
    }

    private static String typo(Random r, String s) {
        if (s.length() < 3) {
            return s;
        }
        int i = 1 + r.nextInt(s.length() - 2);
        return switch (r.nextInt(3)) {
            case 0 -> s.substring(0, i) + s.substring(i + 1);
            case 1 -> s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2);
            default -> s.substring(0, i) + (char) ('a' + r.nextInt(26)) + s.substring(i + 1);
        };
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String cpf(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            sb.append(r.nextInt(10));
        }
        sb.append(Cpf.checkDigit(sb.toString(), 9));
        sb.append(Cpf.checkDigit(sb.toString(), 10));
        return sb.toString();
    }
}
