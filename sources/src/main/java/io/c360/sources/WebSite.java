package io.c360.sources;

import java.util.List;
import java.util.SplittableRandom;

/** The bank's public web site: its pages and the products shown on them. */
final class WebSite {

    static final String HOST = "www.c360bank.com.br";

    record Product(String sku, String name, String category, long priceMicros) {
    }

    record Page(String path, String title, Product product, boolean checkout) {
        String level(int n) {
            String[] parts = path.split("/");
            if (n >= parts.length) {
                return "";
            }
            return "/" + parts[n] + (n < parts.length - 1 ? "/" : "");
        }
    }

    static final Page HOME = new Page("/home", "Banco C360 | Início", null, false);
    static final Page LOGIN = new Page("/login", "Banco C360 | Entrar", null, false);
    private static final List<Page> BROWSING = List.of(
            new Page("/cartoes/", "Cartões", null, false),
            new Page("/cartoes/gold", "Cartão Gold", new Product("CRD-GOLD", "Cartão Gold", "Cartões", 480_000_000L), false),
            new Page("/cartoes/classic", "Cartão Classic", new Product("CRD-CLASSIC", "Cartão Classic", "Cartões", 120_000_000L), false),
            new Page("/emprestimos/pessoal", "Empréstimo Pessoal", new Product("LOAN-PERS", "Empréstimo Pessoal", "Empréstimos", 950_000_000L), false),
            new Page("/investimentos/cdb", "CDB", new Product("INV-CDB", "CDB Liquidez Diária", "Investimentos", 1_000_000_000L), false),
            new Page("/investimentos/tesouro", "Tesouro Direto", new Product("INV-TD", "Tesouro Direto", "Investimentos", 500_000_000L), false),
            new Page("/seguros/vida", "Seguro de Vida", new Product("INS-LIFE", "Seguro de Vida", "Seguros", 360_000_000L), false),
            new Page("/seguros/residencial", "Seguro Residencial", new Product("INS-HOME", "Seguro Residencial", "Seguros", 240_000_000L), false),
            new Page("/conta/abrir", "Abra sua conta", null, false),
            new Page("/ajuda/pix", "Ajuda | Pix", null, false),
            new Page("/app/extrato", "Extrato", null, false));

    private WebSite() {
    }

    static Page browse(SplittableRandom rng) {
        return BROWSING.get(rng.nextInt(BROWSING.size()));
    }

    static Page checkout(Product p) {
        return new Page("/contratar/" + p.sku().toLowerCase(java.util.Locale.ROOT), "Contratar " + p.name(), p, true);
    }

    static Page confirmation(Product p) {
        return new Page("/contratar/confirmacao", "Contratação confirmada", p, true);
    }
}
