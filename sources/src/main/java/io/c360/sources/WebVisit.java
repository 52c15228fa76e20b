package io.c360.sources;

import java.time.LocalDate;
import java.util.List;

/** One web-analytics session of one visitor (device), with its page hits. */
record WebVisit(String fullVisitorId, int visitNumber, long visitStartTime, LocalDate date, Traffic traffic,
                Device device, Person.Address address, boolean withRegionDimension, List<Hit> hits, int qualityScore) {

    record Traffic(String channelGrouping, String source, String medium, String campaign, String keyword, String referer,
                   String referralPath) {
    }

    record Device(String category, String browser, String operatingSystem) {
        boolean mobile() {
            return !"desktop".equals(category);
        }
    }

    /** One page view; {@code action} is the GA enhanced-ecommerce action type ("0" none, "2" detail, "5" checkout, "6" purchase). */
    record Hit(int number, int timeMillis, int hour, int minute, WebSite.Page page, String action, String transactionId) {
    }

    int timeOnSiteSeconds() {
        return hits.get(hits.size() - 1).timeMillis() / 1000;
    }

    boolean purchased() {
        return hits.stream().anyMatch(h -> h.transactionId() != null);
    }

    long revenueMicros() {
        return hits.stream().filter(h -> h.transactionId() != null).mapToLong(h -> h.page().product().priceMicros()).sum();
    }
}
