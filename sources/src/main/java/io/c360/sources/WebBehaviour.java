package io.c360.sources;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How a person browses the bank's site: a few sessions a month from each of their devices, each
 * with several hits (entrance, product pages, sometimes a checkout and a purchase).
 */
final class WebBehaviour {

    static final ZoneId SITE_ZONE = ZoneId.of("America/Sao_Paulo");
    private static final double SESSIONS_PER_DEVICE_MONTH = 0.3;
    private static final WebVisit.Traffic[] TRAFFIC = {
            new WebVisit.Traffic("Organic Search", "google", "organic", "(not set)", "(not provided)", "https://www.google.com.br/", null),
            new WebVisit.Traffic("Organic Search", "google", "organic", "(not set)", "(not provided)", "https://www.google.com/", null),
            new WebVisit.Traffic("Direct", "(direct)", "(none)", "(not set)", null, null, null),
            new WebVisit.Traffic("Direct", "(direct)", "(none)", "(not set)", null, null, null),
            new WebVisit.Traffic("Paid Search", "google", "cpc", "cartao-gold-2026", "cartão de crédito", "https://www.google.com.br/", null),
            new WebVisit.Traffic("Email", "newsletter", "email", "black-friday", null, null, null),
            new WebVisit.Traffic("Social", "instagram.com", "referral", "(not set)", null, "https://l.instagram.com/", "/"),
            new WebVisit.Traffic("Referral", "reclameaqui.com.br", "referral", "(not set)", null, "https://www.reclameaqui.com.br/empresa/c360/", "/empresa/c360/")};
    private static final WebVisit.Device[] DESKTOPS = {
            new WebVisit.Device("desktop", "Chrome", "Windows"), new WebVisit.Device("desktop", "Chrome", "Windows"),
            new WebVisit.Device("desktop", "Edge", "Windows"), new WebVisit.Device("desktop", "Safari", "Macintosh"),
            new WebVisit.Device("desktop", "Firefox", "Linux")};
    private static final WebVisit.Device[] MOBILES = {
            new WebVisit.Device("mobile", "Chrome", "Android"), new WebVisit.Device("mobile", "Chrome", "Android"),
            new WebVisit.Device("mobile", "Safari", "iOS"), new WebVisit.Device("tablet", "Safari", "iOS")};

    private WebBehaviour() {
    }

    /** Sessions of all the person's devices with dates in [from, to), in time order per device. */
    static List<WebVisit> visits(Person person, SplittableRandom rng, LocalDate from, LocalDate to, double intensity) {
        List<WebVisit> out = new ArrayList<>();
        long days = to.toEpochDay() - from.toEpochDay();
        double expected = SESSIONS_PER_DEVICE_MONTH * intensity * days / 30.0;
        for (int d = 0; d < person.visitorIds().size(); d++) {
            String visitorId = person.visitorIds().get(d);
            WebVisit.Device device = device(visitorId, d);
            int count = Distributions.poisson(rng, expected);
            List<Instant> starts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long day = from.toEpochDay() + rng.nextLong(days);
                starts.add(LocalDate.ofEpochDay(day).atStartOfDay(SITE_ZONE).plusSeconds(7 * 3600 + rng.nextInt(16 * 3600)).toInstant());
            }
            starts.sort(Comparator.naturalOrder());
            for (int i = 0; i < starts.size(); i++) {
                out.add(visit(person, rng, visitorId, device, i + 1, starts.get(i)));
            }
        }
        return out;
    }

    /** One session of a returning visitor on {@code day}, from one of their devices. */
    static WebVisit returningVisit(Person person, SplittableRandom rng, LocalDate day) {
        int d = rng.nextInt(person.visitorIds().size());
        String visitorId = person.visitorIds().get(d);
        Instant start = day.atStartOfDay(SITE_ZONE).plusSeconds(7 * 3600 + rng.nextInt(16 * 3600)).toInstant();
        return visit(person, rng, visitorId, device(visitorId, d), 2 + rng.nextInt(30), start);
    }

    private static WebVisit visit(Person person, SplittableRandom rng, String visitorId, WebVisit.Device device,
                                  int number, Instant start) {
        WebVisit.Traffic traffic = TRAFFIC[rng.nextInt(TRAFFIC.length)];
        LocalDateTime local = LocalDateTime.ofInstant(start, SITE_ZONE);
        List<WebVisit.Hit> hits = new ArrayList<>();
        WebSite.Page page = "cpc".equals(traffic.medium()) ? WebSite.browse(rng) : WebSite.HOME;
        int time = 0;
        int pages = rng.nextDouble() < 0.35 ? 1 : 2 + geometric(rng, 0.3);
        for (int n = 1; n <= pages; n++) {
            LocalDateTime at = local.plusSeconds(time / 1000);
            String action = page.product() == null ? "0" : "2";
            hits.add(new WebVisit.Hit(n, time, at.getHour(), at.getMinute(), page, action, null));
            time += 4_000 + rng.nextInt(90_000);
            WebSite.Product viewed = page.product();
            if (viewed != null && n < pages && rng.nextDouble() < 0.2) {
                hits.add(new WebVisit.Hit(++n, time, at.getHour(), at.getMinute(), WebSite.checkout(viewed), "5", null));
                time += 10_000 + rng.nextInt(120_000);
                if (rng.nextDouble() < 0.5) {
                    LocalDateTime end = local.plusSeconds(time / 1000);
                    hits.add(new WebVisit.Hit(++n, time, end.getHour(), end.getMinute(), WebSite.confirmation(viewed), "6",
                            "C360-" + Long.toString(start.getEpochSecond(), 36).toUpperCase() + "-" + n));
                    break;
                }
            }
            page = n == 1 && rng.nextDouble() < 0.3 ? WebSite.LOGIN : WebSite.browse(rng);
        }
        return new WebVisit(visitorId, number, start.getEpochSecond(), local.toLocalDate(), traffic, device,
                person.address(), rng.nextDouble() < 0.7, List.copyOf(hits), 1 + rng.nextInt(100));
    }

    /** A visitor id keeps its device: the first is a desktop or a phone, further ones the other kind. */
    private static WebVisit.Device device(String visitorId, int index) {
        int h = Math.floorMod(visitorId.hashCode(), 997);
        boolean mobile = (index == 0) == (h % 2 == 0);
        return mobile ? MOBILES[h % MOBILES.length] : DESKTOPS[h % DESKTOPS.length];
    }

    private static int geometric(SplittableRandom rng, double p) {
        int k = 0;
        while (rng.nextDouble() > p && k < 12) {
            k++;
        }
        return k;
    }
}
