package jp.kagi.issuance;

import java.util.Collection;
import jp.kagi.mail.MailKind;

/**
 * Which of the two registration mails carried a certificate's user ID and password: クライアント証明書登録のお願い
 * for an account's first certificate, クライアント証明書更新登録のお願い for a renewal. Screens name the mail the
 * user actually received.
 */
public enum RegistrationMail {
    /** クライアント証明書登録のお願い / Request to register your client certificate. */
    REGISTRATION(MailKind.REGISTRATION_REQUEST),
    /** クライアント証明書更新登録のお願い / Request to renew your client certificate. */
    RENEWAL(MailKind.RENEWAL_REQUEST);

    private final MailKind kind;

    RegistrationMail(MailKind kind) {
        this.kind = kind;
    }

    public MailKind kind() {
        return kind;
    }

    /**
     * The mail a certificate was sent with, from the kinds of the mails sent for it: a renewal request stays a
     * renewal request when resent. Without either mail on record (nothing sent yet), what issuance would have
     * chosen: a renewal unless it is the account's first certificate.
     */
    static RegistrationMail of(Collection<MailKind> sentForCertificate, boolean firstOfAccount) {
        if (sentForCertificate.contains(MailKind.RENEWAL_REQUEST)) {
            return RENEWAL;
        }
        if (sentForCertificate.contains(MailKind.REGISTRATION_REQUEST)) {
            return REGISTRATION;
        }
        return firstOfAccount ? REGISTRATION : RENEWAL;
    }
}
