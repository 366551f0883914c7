package jp.kagi.issuance;

import java.time.Instant;

/**
 * What a renewal campaign sets for the certificates it issues: their validity (0: the customer's renewal validity),
 * the completion date (the renewal
 * request locks then at the latest, and the mail names it), whether that date was given as a day or a moment, and
 * the campaign's own wording in each language (null: the seed's).
 */
public record RenewalTerms(int validityMonths, Instant completion, boolean completionIsDate, String reasonJa,
                           String reasonEn, String noteJa, String noteEn) {

    public String reason(String language) {
        return "en".equals(language) ? reasonEn : reasonJa;
    }

    public String note(String language) {
        return "en".equals(language) ? noteEn : noteJa;
    }
}
