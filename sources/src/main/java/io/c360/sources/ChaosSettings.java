package io.c360.sources;

/**
 * The realism knobs of the simulated company: who is present in which system and how dirty the
 * data is. Rates are shares in [0, 1].
 *
 * @param duplicateRate     share of CRM persons that get a second CRM record (typos, swapped names, ...)
 * @param malformedRate     share of records carrying a malformed value (bad date, month "50",
 *                          non-numeric amount, truncated JSON)
 * @param lateRate          share of transactions posted (updated_at) days after their date
 * @param correctionRate    share of touched accounts whose recent transaction is corrected in a tick
 * @param shopOnlyShare     share of persons who only buy in the retail shop (no bank relationship)
 * @param browseOnlyShare   share of persons who only browse the web site
 * @param guestPurchaseRate share of retail orders of bank customers placed as guest (no client_id)
 */
public record ChaosSettings(double duplicateRate, double malformedRate, double lateRate, double correctionRate,
                            double shopOnlyShare, double browseOnlyShare, double guestPurchaseRate) {

    public ChaosSettings {
        requireShare("duplicate rate", duplicateRate);
        requireShare("malformed rate", malformedRate);
        requireShare("late rate", lateRate);
        requireShare("correction rate", correctionRate);
        requireShare("shop-only share", shopOnlyShare);
        requireShare("browse-only share", browseOnlyShare);
        requireShare("guest purchase rate", guestPurchaseRate);
        if (shopOnlyShare + browseOnlyShare > 1) {
            throw new IllegalArgumentException("shop-only share + browse-only share must not exceed 1");
        }
    }

    public static ChaosSettings defaults() {
        return new ChaosSettings(0.05, 0.01, 0.02, 0.05, 0.10, 0.05, 0.20);
    }

    public ChaosSettings withDuplicateRate(double rate) {
        return new ChaosSettings(rate, malformedRate, lateRate, correctionRate, shopOnlyShare, browseOnlyShare, guestPurchaseRate);
    }

    public ChaosSettings withMalformedRate(double rate) {
        return new ChaosSettings(duplicateRate, rate, lateRate, correctionRate, shopOnlyShare, browseOnlyShare, guestPurchaseRate);
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }
}
