package io.c360.sources;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The company's SaaS shop (the workshop's retail dataset): a person buys licences for the company
 * they work for, a few orders a year of one to four products each.
 */
final class RetailShop {

    private record Company(String name, String industry) {
    }

    private record Product(String name, double listPrice, double margin) {
    }

    private static final List<Company> COMPANIES = List.of(
            new Company("Petrobras", "Energy"), new Company("Vale", "Manufacturing"), new Company("Itaú Unibanco", "Finance"),
            new Company("Bradesco", "Finance"), new Company("Ambev", "Consumer Products"), new Company("JBS", "Consumer Products"),
            new Company("Embraer", "Manufacturing"), new Company("Natura", "Retail"), new Company("Magazine Luiza", "Retail"),
            new Company("Totvs", "Tech"), new Company("Vivo", "Communications"), new Company("Claro", "Communications"),
            new Company("Azul", "Transportation"), new Company("Rede D'Or", "Healthcare"), new Company("Hapvida", "Healthcare"),
            new Company("Eletrobras", "Energy"), new Company("WEG", "Manufacturing"), new Company("Stone", "Tech"),
            new Company("Renner", "Retail"), new Company("Rumo", "Transportation"), new Company("Cosan", "Misc"));
    private static final List<Product> PRODUCTS = List.of(
            new Product("ContactMatcher", 180.0, 0.10), new Product("FinanceHub", 240.0, 0.25), new Product("Marketing Suite", 260.0, 0.05),
            new Product("Marketing Suite - Gold", 110.0, 0.20), new Product("Site Analytics", 230.0, 0.15), new Product("Support", 25.0, 0.30),
            new Product("SaaS Connector Pack", 60.0, 0.25), new Product("SaaS Connector Pack - Gold", 40.0, 0.20),
            new Product("Data Smasher", 110.0, 0.30), new Product("OneView", 190.0, 0.12), new Product("ChatBot Plugin", 18.0, 0.40),
            new Product("Storage", 120.0, 0.25), new Product("Alchemy", 1100.0, 0.30), new Product("Big Ol Database", 1700.0, 0.05));
    private static final String[] SEGMENTS = {"SMB", "SMB", "SMB", "Strategic", "Strategic", "Enterprise"};
    private static final double[] DISCOUNTS = {0, 0, 0, 0, 0.1, 0.2, 0.2, 0.3, 0.4};
    private static final double ORDERS_PER_YEAR = 2.5;

    private RetailShop() {
    }

    /**
     * Orders dated in [from, to); at least one when {@code atLeastOne}. {@code clientId} is filled
     * on each order unless the person bought as a guest.
     */
    static List<RetailOrderLine> orders(Person p, Long clientId, SplittableRandom rng, LocalDate from, LocalDate to,
                                        boolean atLeastOne, double guestRate, LongSupplier rowIds) {
        long days = to.toEpochDay() - from.toEpochDay();
        int count = Distributions.poisson(rng, ORDERS_PER_YEAR * days / 365.0);
        if (atLeastOne) {
            count = Math.max(1, count);
        }
        Company company = COMPANIES.get(rng.nextInt(COMPANIES.size()));
        String segment = SEGMENTS[rng.nextInt(SEGMENTS.length)];
        String email = rng.nextDouble() < 0.5 ? p.email() : PersonGenerator.workEmail(p, PersonGenerator.asciiLower(company.name()) + ".com.br");
        List<RetailOrderLine> lines = new ArrayList<>();
        for (int o = 0; o < count; o++) {
            LocalDate date = LocalDate.ofEpochDay(from.toEpochDay() + rng.nextLong(days));
            String orderId = String.format(Locale.ROOT, "AMER-%d-%06d", date.getYear(), 100_000 + rng.nextInt(900_000));
            Long client = clientId != null && rng.nextDouble() >= guestRate ? clientId : null;
            int products = 1 + Distributions.poisson(rng, 0.8);
            for (int i = 0; i < Math.min(4, products); i++) {
                Product product = PRODUCTS.get(rng.nextInt(PRODUCTS.size()));
                int quantity = 1 + rng.nextInt(9);
                double discount = DISCOUNTS[rng.nextInt(DISCOUNTS.length)];
                double sales = round4(product.listPrice * (0.5 + rng.nextDouble()) * quantity * (1 - discount));
                double profit = round4(sales * (product.margin - discount * 0.8 + 0.1 * Distributions.gaussian(rng)));
                lines.add(new RetailOrderLine(rowIds.getAsLong(), orderId, date, p.fullName(), p.address().city(),
                        company.name(), client, company.industry(), segment, product.name(), license(rng), sales, quantity,
                        discount, profit, email));
            }
        }
        return lines;
    }

    private static String license(SplittableRandom rng) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        char[] c = new char[10];
        for (int i = 0; i < c.length; i++) {
            c[i] = alphabet.charAt(rng.nextInt(alphabet.length()));
        }
        return new String(c);
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
