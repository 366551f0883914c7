package jp.kagi.renewal;

/**
 * A campaign's figures, for one customer or in total. {@code targeted}: accounts included; {@code waiting}: not
 * issued yet; {@code renewed}: new certificate issued; {@code mailed} / {@code mailFailed}: the renewal request mail
 * delivered / given up; {@code retrieved}: the new key fetched; {@code pending}: issued, not retrieved, still open;
 * {@code locked}: issued, never retrieved, locked; {@code installed}: the new certificate passed the self-test on 8444
 * at least once (installed in a browser; counted within {@code retrieved}).
 */
public record CampaignCounts(String customer, long targeted, long waiting, long renewed, long mailed, long mailFailed,
                             long retrieved, long pending, long locked, long skipped, long failed, long cancelled,
                             long excluded, long installed) {

    static CampaignCounts empty(String customer) {
        return new CampaignCounts(customer, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    CampaignCounts plus(CampaignCounts o) {
        return new CampaignCounts(customer, targeted + o.targeted, waiting + o.waiting, renewed + o.renewed,
                mailed + o.mailed, mailFailed + o.mailFailed, retrieved + o.retrieved, pending + o.pending,
                locked + o.locked, skipped + o.skipped, failed + o.failed, cancelled + o.cancelled,
                excluded + o.excluded, installed + o.installed);
    }

    /** Rows the runner has dealt with, in percent of the targeted ones (the launch's progress bar). */
    public int issuedPercent() {
        return targeted == 0 ? 100 : (int) ((targeted - waiting) * 100 / targeted);
    }

    /** New certificates installed (self-test passed), in percent of the certificates issued. */
    public int installedPercent() {
        return renewed == 0 ? 0 : (int) (installed * 100 / renewed);
    }

    /** New keys fetched, in percent of the certificates issued. */
    public int retrievedPercent() {
        return renewed == 0 ? 0 : (int) (retrieved * 100 / renewed);
    }
}
