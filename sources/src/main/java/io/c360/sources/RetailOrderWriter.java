package io.c360.sources;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;

/**
 * Retail orders {@code retail00<stamp>.csv} exactly like the workshop file: UTF-8 BOM, header,
 * CRLF line ends, {@code Order_Date} as M/D/YYYY, plus {@code Contact_Email} as last column.
 * Damaged rows carry the workshop's impossible month "50" or a non-numeric Sales value.
 */
final class RetailOrderWriter implements AutoCloseable {

    static final String HEADER = "Row_ID,Order_ID,Order_Date,Date_Key,Contact_Name,Country,City,Region,Subregion,Customer,"
            + "client_id,Industry,Segment,Product,License,Sales,Quantity,Discount,Profit,Contact_Email";
    private static final String CRLF = "\r\n";
    private static final DateTimeFormatter DATE_KEY = DateTimeFormatter.BASIC_ISO_DATE;

    /** How a row is damaged on purpose. */
    enum Damage { NONE, MONTH_50, SALES_NOT_A_NUMBER }

    private final LandingFile file;
    private final StringBuilder line = new StringBuilder(256);

    RetailOrderWriter(Path landing, String stamp) {
        this.file = new LandingFile(landing.resolve("retail"), "retail00" + stamp + ".csv");
        file.raw("\uFEFF");
        file.line(HEADER, CRLF);
    }

    void order(RetailOrderLine o, Damage damage) {
        line.setLength(0);
        int month = damage == Damage.MONTH_50 ? 50 : o.orderDate().getMonthValue();
        line.append(o.rowId()).append(',').append(o.orderId()).append(',')
                .append(month).append('/').append(o.orderDate().getDayOfMonth()).append('/').append(o.orderDate().getYear()).append(',')
                .append(DATE_KEY.format(o.orderDate())).append(',').append(csv(o.contactName())).append(",Brazil,")
                .append(csv(o.city())).append(",AMER,LATAM,").append(csv(o.customer())).append(',')
                .append(o.clientId() == null ? "" : o.clientId().toString()).append(',').append(o.industry()).append(',')
                .append(o.segment()).append(',').append(o.product()).append(',').append(o.license()).append(',')
                .append(damage == Damage.SALES_NOT_A_NUMBER ? "n/a" : number(o.sales())).append(',').append(o.quantity()).append(',')
                .append(number(o.discount())).append(',').append(number(o.profit())).append(',').append(csv(o.contactEmail()));
        file.line(line, CRLF);
    }

    /** Numbers as the workshop writes them: plain, no trailing zeros ("0", "0.2", "41.9136"). */
    static String number(double v) {
        BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    private static String csv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    long rows() {
        return file.lines() - 1;
    }

    @Override
    public void close() {
        file.close();
    }
}
