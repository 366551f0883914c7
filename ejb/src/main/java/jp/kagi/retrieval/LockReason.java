package jp.kagi.retrieval;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.Locale;

/**
 * Why a retrieval request locked (or will lock). Stored as the lower-case name that rows written before this enum
 * already hold; each reason tells the user its own message.
 */
public enum LockReason {
    /** The period after issuance ended (SPEC.md: 30 days by default). */
    ISSUANCE("error.lockedAfterIssuance"),
    /** The period after the first retrieval ended (3 days by default). */
    RETRIEVAL("error.lockedAfterRetrieval"),
    /** A renewal campaign's completion date passed before the key was retrieved. */
    DEADLINE("error.lockedAtCompletion"),
    /** Replaced by an admin's reissue. */
    REISSUE("error.lockedByReissue"),
    /** The certificate was revoked. */
    REVOKED("error.lockedByRevocation"),
    /** The renewal campaign that issued it was cancelled before the key was retrieved. */
    CAMPAIGN_CANCELLED("error.lockedByCampaignCancel"),
    /** The account's e-mail address changed while the key waited: no one collects both mails at a new address. */
    EMAIL_CHANGED("error.lockedByEmailChange");

    private final String messageKey;

    LockReason(String messageKey) {
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static LockReason ofCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown lock reason " + code));
    }

    /** Reads and writes the column as {@link #code()}. */
    @Converter
    public static class Column implements AttributeConverter<LockReason, String> {
        @Override
        public String convertToDatabaseColumn(LockReason reason) {
            return reason == null ? null : reason.code();
        }

        @Override
        public LockReason convertToEntityAttribute(String code) {
            return code == null ? null : ofCode(code);
        }
    }
}
