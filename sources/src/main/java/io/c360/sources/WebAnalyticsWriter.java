package io.c360.sources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Web-analytics sessions in the Google Analytics 360 BigQuery export layout, one JSON session per
 * line, one file {@code ga_sessions_YYYYMMDD.json} per day, with the same nesting and field order
 * as the workshop's files (fields the demo export never fills are written as it writes them).
 */
final class WebAnalyticsWriter implements AutoCloseable {

    static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String NA = "not available in demo dataset";
    private static final String ADWORDS = "{\"campaignId\":null,\"adGroupId\":null,\"creativeId\":null,\"criteriaId\":null,\"page\":null,\"slot\":null,\"criteriaParameters\":\"" + NA + "\",\"gclId\":null,\"customerId\":null,\"adNetworkType\":null,\"targetingCriteria\":null,\"isVideoAd\":null}";
    private static final String EXCEPTION_INFO = "{\"description\":null,\"isFatal\":true,\"exceptions\":null,\"fatalExceptions\":null}";
    private static final String SOCIAL = "{\"socialInteractionNetwork\":null,\"socialInteractionAction\":null,\"socialInteractions\":null,\"socialInteractionTarget\":null,\"socialNetwork\":\"(not set)\",\"uniqueSocialInteractions\":null,\"hasSocialSourceReferral\":\"No\",\"socialInteractionNetworkAction\":\" : \"}";
    private static final String CONTENT_GROUP_TAIL = "\"contentGroupUniqueViews1\":null,\"contentGroupUniqueViews2\":null,\"contentGroupUniqueViews3\":null,\"contentGroupUniqueViews4\":null,\"contentGroupUniqueViews5\":null}";

    private final Path folder;
    private final double malformedRate;
    private final Map<LocalDate, LandingFile> files = new TreeMap<>();
    private final JsonFactory json = new JsonFactory();
    private final LineBuffer buffer = new LineBuffer();
    private long sessions;

    WebAnalyticsWriter(Path folder, double malformedRate) {
        this.folder = folder;
        this.malformedRate = malformedRate;
    }

    static String fileName(LocalDate day) {
        return "ga_sessions_" + DAY.format(day) + ".json";
    }

    void write(WebVisit visit, SplittableRandom rng) {
        buffer.reset();
        json(visit, buffer);
        byte[] bytes = buffer.bytes();
        int length = buffer.size();
        if (rng.nextDouble() < malformedRate) {
            length = 20 + rng.nextInt(length - 40);
            while (bytes[length] < 0) { // cut between characters, never inside one
                length--;
            }
        }
        files.computeIfAbsent(visit.date(), d -> new LandingFile(folder, fileName(d))).line(bytes, length);
        sessions++;
    }

    /** A reusable byte buffer that exposes its array (no copy per session). */
    private static final class LineBuffer extends ByteArrayOutputStream {
        LineBuffer() {
            super(1 << 15);
        }

        byte[] bytes() {
            return buf;
        }
    }

    long sessions() {
        return sessions;
    }

    private void json(WebVisit v, OutputStream out) {
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeNullField("visitorId");
            g.writeNumberField("visitNumber", v.visitNumber());
            g.writeNumberField("visitId", v.visitStartTime());
            g.writeNumberField("visitStartTime", v.visitStartTime());
            g.writeStringField("date", DAY.format(v.date()));
            totals(g, v);
            traffic(g, v.traffic());
            device(g, v.device());
            geo(g, v.address());
            g.writeArrayFieldStart("customDimensions");
            if (v.withRegionDimension()) {
                g.writeStartObject();
                g.writeNumberField("index", 4);
                g.writeStringField("value", "South America");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("hits");
            for (WebVisit.Hit h : v.hits()) {
                hit(g, h, h.number() == v.hits().size(), v);
            }
            g.writeEndArray();
            g.writeStringField("fullVisitorId", v.fullVisitorId());
            g.writeNullField("userId");
            g.writeNullField("clientId");
            g.writeStringField("channelGrouping", v.traffic().channelGrouping());
            g.writeStringField("socialEngagementType", "Not Socially Engaged");
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void totals(JsonGenerator g, WebVisit v) throws IOException {
        int n = v.hits().size();
        g.writeObjectFieldStart("totals");
        g.writeNumberField("visits", 1);
        g.writeNumberField("hits", n);
        g.writeNumberField("pageviews", n);
        nullable(g, "timeOnSite", n > 1 ? v.timeOnSiteSeconds() : null);
        nullable(g, "bounces", n == 1 ? 1 : null);
        nullable(g, "transactions", v.purchased() ? 1 : null);
        nullable(g, "transactionRevenue", v.purchased() ? v.revenueMicros() : null);
        nullable(g, "newVisits", v.visitNumber() == 1 ? 1 : null);
        g.writeNullField("screenviews");
        g.writeNullField("uniqueScreenviews");
        g.writeNullField("timeOnScreen");
        nullable(g, "totalTransactionRevenue", v.purchased() ? v.revenueMicros() : null);
        g.writeNumberField("sessionQualityDim", v.qualityScore());
        g.writeEndObject();
    }

    private static void traffic(JsonGenerator g, WebVisit.Traffic t) throws IOException {
        g.writeObjectFieldStart("trafficSource");
        g.writeStringField("referralPath", t.referralPath());
        g.writeStringField("campaign", t.campaign());
        g.writeStringField("source", t.source());
        g.writeStringField("medium", t.medium());
        g.writeStringField("keyword", t.keyword());
        g.writeNullField("adContent");
        g.writeFieldName("adwordsClickInfo");
        g.writeRawValue(ADWORDS);
        nullable(g, "isTrueDirect", "(direct)".equals(t.source()) ? Boolean.TRUE : null);
        g.writeNullField("campaignCode");
        g.writeEndObject();
    }

    private static void device(JsonGenerator g, WebVisit.Device d) throws IOException {
        g.writeObjectFieldStart("device");
        g.writeStringField("browser", d.browser());
        g.writeStringField("browserVersion", NA);
        g.writeStringField("browserSize", NA);
        g.writeStringField("operatingSystem", d.operatingSystem());
        g.writeStringField("operatingSystemVersion", NA);
        g.writeBooleanField("isMobile", d.mobile());
        for (String f : new String[]{"mobileDeviceBranding", "mobileDeviceModel", "mobileInputSelector", "mobileDeviceInfo",
                "mobileDeviceMarketingName", "flashVersion"}) {
            g.writeStringField(f, NA);
        }
        g.writeNullField("javaEnabled");
        g.writeStringField("language", NA);
        g.writeStringField("screenColors", NA);
        g.writeStringField("screenResolution", NA);
        g.writeStringField("deviceCategory", d.category());
        g.writeEndObject();
    }

    private static void geo(JsonGenerator g, Person.Address a) throws IOException {
        g.writeObjectFieldStart("geoNetwork");
        g.writeStringField("continent", "Americas");
        g.writeStringField("subContinent", "South America");
        g.writeStringField("country", "Brazil");
        g.writeStringField("region", a.state().name());
        g.writeStringField("metro", "(not set)");
        g.writeStringField("city", a.city());
        g.writeStringField("cityId", NA);
        g.writeStringField("networkDomain", a.state().code().equals("SP") ? "vivo.com.br" : "(not set)");
        g.writeStringField("latitude", NA);
        g.writeStringField("longitude", NA);
        g.writeStringField("networkLocation", NA);
        g.writeEndObject();
    }

    private static void hit(JsonGenerator g, WebVisit.Hit h, boolean last, WebVisit v) throws IOException {
        WebSite.Page page = h.page();
        g.writeStartObject();
        g.writeNumberField("hitNumber", h.number());
        g.writeNumberField("time", h.timeMillis());
        g.writeNumberField("hour", h.hour());
        g.writeNumberField("minute", h.minute());
        g.writeNullField("isSecure");
        g.writeBooleanField("isInteraction", true);
        nullable(g, "isEntrance", h.number() == 1 ? Boolean.TRUE : null);
        nullable(g, "isExit", last ? Boolean.TRUE : null);
        g.writeStringField("referer", h.number() == 1 ? v.traffic().referer() : "https://" + WebSite.HOST + "/");
        g.writeObjectFieldStart("page");
        g.writeStringField("pagePath", page.path());
        g.writeStringField("hostname", WebSite.HOST);
        g.writeStringField("pageTitle", page.title());
        g.writeNullField("searchKeyword");
        g.writeNullField("searchCategory");
        for (int level = 1; level <= 4; level++) {
            g.writeStringField("pagePathLevel" + level, page.level(level));
        }
        g.writeEndObject();
        transaction(g, h);
        g.writeNullField("item");
        g.writeNullField("contentInfo");
        appInfo(g, page, v);
        g.writeFieldName("exceptionInfo");
        g.writeRawValue(EXCEPTION_INFO);
        g.writeNullField("eventInfo");
        products(g, h);
        g.writeArrayFieldStart("promotion");
        g.writeEndArray();
        g.writeNullField("promotionActionInfo");
        g.writeNullField("refund");
        g.writeObjectFieldStart("eCommerceAction");
        g.writeStringField("action_type", h.action());
        g.writeNumberField("step", 1);
        g.writeNullField("option");
        g.writeEndObject();
        for (String empty : new String[]{"experiment"}) {
            g.writeArrayFieldStart(empty);
            g.writeEndArray();
        }
        g.writeNullField("publisher");
        for (String empty : new String[]{"customVariables", "customDimensions", "customMetrics"}) {
            g.writeArrayFieldStart(empty);
            g.writeEndArray();
        }
        g.writeStringField("type", "PAGE");
        g.writeFieldName("social");
        g.writeRawValue(SOCIAL);
        g.writeNullField("latencyTracking");
        g.writeNullField("sourcePropertyInfo");
        contentGroup(g, h.number() == 1);
        g.writeStringField("dataSource", "web");
        g.writeArrayFieldStart("publisher_infos");
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void transaction(JsonGenerator g, WebVisit.Hit h) throws IOException {
        if (h.transactionId() == null) {
            g.writeNullField("transaction");
            return;
        }
        long revenue = h.page().product().priceMicros();
        g.writeObjectFieldStart("transaction");
        g.writeStringField("transactionId", h.transactionId());
        g.writeNumberField("transactionRevenue", revenue);
        g.writeNullField("transactionTax");
        g.writeNullField("transactionShipping");
        g.writeNullField("affiliation");
        g.writeStringField("currencyCode", "BRL");
        g.writeNumberField("localTransactionRevenue", revenue);
        g.writeNullField("localTransactionTax");
        g.writeNullField("localTransactionShipping");
        g.writeNullField("transactionCoupon");
        g.writeEndObject();
    }

    private static void appInfo(JsonGenerator g, WebSite.Page page, WebVisit v) throws IOException {
        g.writeObjectFieldStart("appInfo");
        for (String f : new String[]{"name", "version", "id", "installerId", "appInstallerId", "appName", "appVersion", "appId"}) {
            g.writeNullField(f);
        }
        g.writeStringField("screenName", WebSite.HOST + page.path());
        g.writeStringField("landingScreenName", WebSite.HOST + v.hits().get(0).page().path());
        g.writeStringField("exitScreenName", WebSite.HOST + v.hits().get(v.hits().size() - 1).page().path());
        g.writeStringField("screenDepth", "0");
        g.writeEndObject();
    }

    private static void products(JsonGenerator g, WebVisit.Hit h) throws IOException {
        g.writeArrayFieldStart("product");
        WebSite.Product p = h.page().product();
        if (p != null) {
            g.writeStartObject();
            g.writeStringField("productSKU", p.sku());
            g.writeStringField("v2ProductName", p.name());
            g.writeStringField("v2ProductCategory", p.category());
            g.writeStringField("productVariant", "(not set)");
            g.writeStringField("productBrand", "(not set)");
            nullable(g, "productRevenue", h.transactionId() != null ? p.priceMicros() : null);
            nullable(g, "localProductRevenue", h.transactionId() != null ? p.priceMicros() : null);
            g.writeNumberField("productPrice", p.priceMicros());
            g.writeNumberField("localProductPrice", p.priceMicros());
            nullable(g, "productQuantity", h.page().checkout() ? 1 : null);
            g.writeNullField("productRefundAmount");
            g.writeNullField("localProductRefundAmount");
            nullable(g, "isImpression", null);
            nullable(g, "isClick", "2".equals(h.action()) ? Boolean.TRUE : null);
            g.writeArrayFieldStart("customDimensions");
            g.writeEndArray();
            g.writeArrayFieldStart("customMetrics");
            g.writeEndArray();
            g.writeStringField("productListName", "(not set)");
            g.writeNumberField("productListPosition", 0);
            g.writeNullField("productCouponCode");
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void contentGroup(JsonGenerator g, boolean entrance) throws IOException {
        g.writeFieldName("contentGroup");
        String previous = entrance ? "(entrance)" : "(not set)";
        StringBuilder sb = new StringBuilder(640).append('{');
        for (int i = 1; i <= 5; i++) {
            sb.append("\"contentGroup").append(i).append("\":\"(not set)\",");
        }
        for (int i = 1; i <= 5; i++) {
            sb.append("\"previousContentGroup").append(i).append("\":\"").append(previous).append("\",");
        }
        g.writeRawValue(sb.append(CONTENT_GROUP_TAIL).toString());
    }

    private static void nullable(JsonGenerator g, String field, Object value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else if (value instanceof Boolean b) {
            g.writeBooleanField(field, b);
        } else {
            g.writeNumberField(field, ((Number) value).longValue());
        }
    }

    @Override
    public void close() {
        files.values().forEach(LandingFile::close);
        files.clear();
    }
}
