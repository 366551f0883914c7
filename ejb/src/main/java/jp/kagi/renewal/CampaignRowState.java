package jp.kagi.renewal;

/**
 * Where one account stands in a campaign, as the dashboard and the API filter it: derived from the row, its new
 * certificate's retrieval request and its renewal mail.
 */
public enum CampaignRowState {
    /** Not issued yet. */
    WAITING,
    /** The new key was retrieved. */
    RETRIEVED,
    /** Issued, not retrieved, retrieval still open. */
    PENDING,
    /** Issued, never retrieved, locked (completion date, lock rules, or cancel). */
    LOCKED,
    SKIPPED,
    FAILED,
    CANCELLED,
    EXCLUDED;

    /** A filter word from the API or a screen: a state, NOT_RETRIEVED (pending or locked: the stragglers), or ALL. */
    public static java.util.Set<CampaignRowState> filter(String text) {
        if (text == null || text.isBlank() || "ALL".equalsIgnoreCase(text.strip())) {
            return java.util.EnumSet.allOf(CampaignRowState.class);
        }
        String t = text.strip().toUpperCase(java.util.Locale.ROOT);
        if ("NOT_RETRIEVED".equals(t) || "STRAGGLERS".equals(t)) {
            return java.util.EnumSet.of(PENDING, LOCKED);
        }
        try {
            return java.util.EnumSet.of(valueOf(t));
        } catch (IllegalArgumentException e) {
            throw jp.kagi.platform.KagiException.invalid("error.status",
                    "ALL, NOT_RETRIEVED, WAITING, RETRIEVED, PENDING, LOCKED, SKIPPED, FAILED, CANCELLED, EXCLUDED");
        }
    }
}
