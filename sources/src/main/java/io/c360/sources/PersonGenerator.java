package io.c360.sources;

import net.datafaker.Faker;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Draws persons with Brazilian identities (pt-BR names and streets and valid CPFs from Datafaker)
 * and realistic, correlated attributes (occupation by age, income by occupation, home ownership
 * and marital status by age). Not thread-safe: one generator per thread; every person is seeded
 * from its own id, so the result does not depend on which thread made it.
 */
final class PersonGenerator {

    private static final String[] EMAIL_DOMAINS = {"gmail.com", "gmail.com", "gmail.com", "hotmail.com", "outlook.com",
            "yahoo.com.br", "uol.com.br", "bol.com.br", "terra.com.br"};
    private static final String[] CHANNELS = {"email", "sms", "phone", "app", "branch"};

    private final SimulationPlan plan;
    private final Random fakerRandom = new Random(0);
    private final Faker faker = new Faker(Locale.forLanguageTag("pt-BR"), fakerRandom);

    PersonGenerator(SimulationPlan plan) {
        this.plan = plan;
    }

    Person person(long personId) {
        return person(personId, null);
    }

    /** A person; {@code joinedAt} overrides the drawn customer-since time (new customers of a tick). */
    Person person(long personId, LocalDateTime joinedAt) {
        SplittableRandom rng = Seeds.person(plan.seed(), personId, Seeds.PROFILE);
        fakerRandom.setSeed(rng.nextLong());
        Person.Presence presence = presence(rng);
        boolean female = rng.nextBoolean();
        String first = female ? faker.name().femaleFirstName() : faker.name().maleFirstName();
        String last = faker.name().lastName();
        LocalDate birth = birthDate(rng);
        int age = birth.until(plan.endDate()).getYears();
        Occupation occupation = Occupation.forAge(age, rng);
        int income = occupation.drawIncome(rng);
        BrazilianState state = BrazilianState.pick(rng);
        Person.Address address = new Person.Address(faker.address().streetName(), Integer.toString(1 + rng.nextInt(2500)),
                state.cities().get(rng.nextInt(state.cities().size())), state, state.postalCode(rng));
        String marital = maritalStatus(age, rng);
        return new Person(personId, presence,
                presence == Person.Presence.SHOP_ONLY || (presence == Person.Presence.BANK && rng.nextDouble() < 0.3),
                presence == Person.Presence.BROWSE_ONLY || (presence == Person.Presence.BANK && rng.nextDouble() < 0.6),
                first, last, female ? "F" : "M", birth, faker.cpf().valid(true), email(first, last, personId, rng),
                phone(state, rng), address, occupation, income, marital, homeOwnership(age, income, rng),
                !"S".equals(marital) ? rng.nextDouble() < 0.6 : rng.nextDouble() < 0.3,
                CHANNELS[rng.nextInt(CHANNELS.length)],
                new Person.Consents(rng.nextDouble() < 0.7, rng.nextDouble() < 0.5, rng.nextDouble() < 0.3),
                joinedAt != null ? joinedAt : customerSince(birth, rng), visitorIds(rng));
    }

    private Person.Presence presence(SplittableRandom rng) {
        double r = rng.nextDouble();
        ChaosSettings chaos = plan.chaos();
        if (r < chaos.shopOnlyShare()) {
            return Person.Presence.SHOP_ONLY;
        }
        return r < chaos.shopOnlyShare() + chaos.browseOnlyShare() ? Person.Presence.BROWSE_ONLY : Person.Presence.BANK;
    }

    /** Adults 18..95, most between 25 and 60. */
    private LocalDate birthDate(SplittableRandom rng) {
        double age = Math.min(95, 18 + Math.abs(24 + 14 * Distributions.gaussian(rng)));
        return plan.endDate().minusDays((long) (age * 365.25) + rng.nextInt(365));
    }

    private static String maritalStatus(int age, SplittableRandom rng) {
        double r = rng.nextDouble();
        if (age < 28) {
            return r < 0.8 ? "S" : r < 0.97 ? "M" : "D";
        }
        return r < 0.25 ? "S" : r < 0.8 ? "M" : "D";
    }

    private static String homeOwnership(int age, int income, SplittableRandom rng) {
        double r = rng.nextDouble();
        if (r < 0.08) {
            return "U";
        }
        double ownChance = Math.min(0.9, 0.1 + (age - 18) * 0.012 + income / 1_000_000.0);
        return rng.nextDouble() < ownChance ? "O" : "R";
    }

    /** Joined in the last six years, but not before coming of age. */
    private LocalDateTime customerSince(LocalDate birth, SplittableRandom rng) {
        LocalDateTime adult = birth.plusYears(18).atStartOfDay();
        LocalDateTime earliest = plan.endDate().minusYears(6).atStartOfDay();
        LocalDateTime from = adult.isAfter(earliest) ? adult : earliest;
        long spanSeconds = Math.max(1, ChronoUnit.SECONDS.between(from, plan.endDate().atStartOfDay()));
        return from.plusSeconds((long) (spanSeconds * rng.nextDouble())).withNano(rng.nextInt(1_000_000) * 1000);
    }

    /**
     * A mailbox of this person only: a provider never hands one address to two people, so every shape carries
     * the person's number (without it, namesakes and "m.barreto"-style initials collided at 100,000 people).
     */
    private static String email(String first, String last, long personId, SplittableRandom rng) {
        String f = asciiLower(first);
        String l = asciiLower(last);
        String local = switch (rng.nextInt(4)) {
            case 0 -> f + "." + l + personId;
            case 1 -> f + l + personId;
            case 2 -> f.charAt(0) + l + personId;
            default -> f + "_" + l + personId;
        };
        return local + "@" + EMAIL_DOMAINS[rng.nextInt(EMAIL_DOMAINS.length)];
    }

    /** The person's address at an employer: unique there too. */
    static String workEmail(Person p, String employerDomain) {
        return asciiLower(p.firstName()) + "." + asciiLower(p.lastName()) + p.id() + "@" + employerDomain;
    }

    static String asciiLower(String s) {
        String plain = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static String phone(BrazilianState state, SplittableRandom rng) {
        return String.format(Locale.ROOT, "+55 %s 9%04d-%04d", state.areaCode(), rng.nextInt(10_000), rng.nextInt(10_000));
    }

    /** GA client ids: 17-19 digits, sometimes with a leading zero (as GA360 exports them). */
    private static List<String> visitorIds(SplittableRandom rng) {
        int devices = 1 + (rng.nextDouble() < 0.45 ? 1 : 0) + (rng.nextDouble() < 0.1 ? 1 : 0);
        List<String> ids = new ArrayList<>(devices);
        for (int i = 0; i < devices; i++) {
            int length = 17 + rng.nextInt(3);
            StringBuilder sb = new StringBuilder(length);
            sb.append(rng.nextDouble() < 0.3 ? '0' : (char) ('1' + rng.nextInt(9)));
            for (int d = 1; d < length; d++) {
                sb.append((char) ('0' + rng.nextInt(10)));
            }
            ids.add(sb.toString());
        }
        return ids;
    }
}
