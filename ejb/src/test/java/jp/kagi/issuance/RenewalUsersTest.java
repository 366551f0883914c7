package jp.kagi.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import jp.kagi.mail.MailKind;
import org.junit.jupiter.api.Test;

/** Which registration mail a user is told about, and which of the user's requests counts as the current one. */
class RenewalUsersTest {

    @Test
    void theMailSentForTheCertificateDecides() {
        assertEquals(RegistrationMail.RENEWAL, RegistrationMail.of(
                Set.of(MailKind.ISSUANCE_NOTICE, MailKind.RENEWAL_REQUEST), false));
        assertEquals(RegistrationMail.REGISTRATION, RegistrationMail.of(
                Set.of(MailKind.ISSUANCE_NOTICE, MailKind.REGISTRATION_REQUEST), true));
    }

    @Test
    void aReissueThatCameWithTheRegistrationMailIsNoRenewal() {
        // A reissue is not the account's first certificate but is mailed クライアント証明書登録のお願い.
        assertEquals(RegistrationMail.REGISTRATION, RegistrationMail.of(
                List.of(MailKind.ISSUANCE_NOTICE, MailKind.REGISTRATION_REQUEST), false));
    }

    @Test
    void aResentRenewalRequestStaysARenewal() {
        assertEquals(RegistrationMail.RENEWAL, RegistrationMail.of(List.of(MailKind.ISSUANCE_NOTICE,
                MailKind.RENEWAL_REQUEST, MailKind.PASSWORD_RESET, MailKind.RENEWAL_REQUEST), false));
    }

    @Test
    void withoutAMailOnRecordTheAccountsFirstCertificateIsARegistration() {
        assertEquals(RegistrationMail.REGISTRATION, RegistrationMail.of(List.of(), true));
        assertEquals(RegistrationMail.RENEWAL, RegistrationMail.of(List.of(MailKind.ISSUANCE_NOTICE), false));
    }

    @Test
    void theNewestOpenRequestIsTheCurrentOne() {
        // newest first: dsca00345 locked (e.g. revoked), dsca00200 open, dsca00012 open
        List<String> newestFirst = List.of("dsca00345", "dsca00200", "dsca00012");
        assertEquals("dsca00200", RenewalUsers.current(newestFirst, cn -> !cn.equals("dsca00345")));
        assertEquals("dsca00345", RenewalUsers.current(newestFirst, cn -> true));
    }

    @Test
    void withNothingOpenTheNewestCertificateIsTheCurrentOne() {
        assertEquals("dsca00345", RenewalUsers.current(List.of("dsca00345", "dsca00012"), cn -> false));
    }

    @Test
    void theMailKindsMatch() {
        assertEquals(MailKind.RENEWAL_REQUEST, RegistrationMail.RENEWAL.kind());
        assertEquals(MailKind.REGISTRATION_REQUEST, RegistrationMail.REGISTRATION.kind());
    }
}
