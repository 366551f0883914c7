package jp.kagi.mail;

/** The mails Kagi sends; each has a template per language under {@code jp/kagi/mail/templates/}. */
public enum MailKind {
    /** 証明書発行通知: portal URL, Request ID, CN, subject, serial. Never a password. */
    ISSUANCE_NOTICE("issuance-notice"),
    /** クライアント証明書登録のお願い: user ID and password, reason, deadline, manual, support desk. */
    REGISTRATION_REQUEST("registration-request"),
    /** クライアント証明書更新登録のお願い: as the registration request, for a renewal. */
    RENEWAL_REQUEST("renewal-request"),
    /** パスワード再発行のお知らせ: user ID and the new password, support desk. Never a Request ID. */
    PASSWORD_RESET("password-reset"),
    /** A renewal campaign's reminder: completion date and new CN, where the password came from. Never a password. */
    RENEWAL_REMINDER("renewal-reminder"),
    /** A renewal campaign's completion date was moved: the new date. Never a password. */
    RENEWAL_EXTENDED("renewal-extended"),
    /** The old certificate expires soon and the new one was never retrieved: one last warning. */
    RENEWAL_EXPIRY_WARNING("renewal-expiry-warning"),
    /** After a campaign's completion date, to the customer's contact and the CA team: who renewed, who did not. */
    CAMPAIGN_SUMMARY("campaign-summary"),
    /** To the OLD address: the account's address changed, pending keys were voided. Never a password. */
    EMAIL_CHANGED("email-changed");

    private final String template;

    MailKind(String template) {
        this.template = template;
    }

    public String template() {
        return template;
    }
}
