package jp.kagi.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The self-test's state and advice: what fails first, and that a working newer certificate is always the advice. */
class VerdictTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Instant ISSUED = NOW.minus(Duration.ofDays(100));
    private static final Instant EXPIRES = NOW.plus(Duration.ofDays(300));

    @Test
    void theNewestValidCertificateIsCurrentAndAllGood() {
        Verdict v = Verdict.of(NOW, false, ISSUED, EXPIRES, NewerCertificate.NONE);
        assertEquals(new Verdict(CertificateState.CURRENT, Advice.ALL_GOOD), v);
        assertTrue(v.state().works());
    }

    @Test
    void anOlderValidCertificateIsSupersededAndTheAdviceFollowsTheNewerOnesRetrieval() {
        assertEquals(new Verdict(CertificateState.SUPERSEDED, Advice.CHOOSE_NEWER),
                Verdict.of(NOW, false, ISSUED, EXPIRES, NewerCertificate.RETRIEVED));
        assertEquals(new Verdict(CertificateState.SUPERSEDED, Advice.RETRIEVE_NEWER),
                Verdict.of(NOW, false, ISSUED, EXPIRES, NewerCertificate.OPEN));
        assertEquals(new Verdict(CertificateState.SUPERSEDED, Advice.ASK_REISSUE),
                Verdict.of(NOW, false, ISSUED, EXPIRES, NewerCertificate.LOCKED));
        assertTrue(CertificateState.SUPERSEDED.works(), "the older certificate still works: it counts as installed");
    }

    @Test
    void revocationOutranksExpiryAndExpiryOutranksNotYetValid() {
        Instant expired = NOW.minusSeconds(1);
        assertEquals(CertificateState.REVOKED, Verdict.of(NOW, true, ISSUED, expired, NewerCertificate.NONE).state());
        assertEquals(CertificateState.EXPIRED,
                Verdict.of(NOW, false, NOW.plusSeconds(5), expired, NewerCertificate.NONE).state());
        assertEquals(CertificateState.NOT_YET_VALID,
                Verdict.of(NOW, false, NOW.plusSeconds(1), EXPIRES, NewerCertificate.RETRIEVED).state());
    }

    @Test
    void withoutANewerCertificateAFailureSendsTheUserToTheRightPlace() {
        assertEquals(Advice.CONTACT_REVOKED, Verdict.of(NOW, true, ISSUED, EXPIRES, NewerCertificate.NONE).advice());
        assertEquals(Advice.CONTACT_EXPIRED,
                Verdict.of(NOW, false, ISSUED, NOW.minusSeconds(1), NewerCertificate.NONE).advice());
        assertEquals(Advice.WAIT_UNTIL_VALID,
                Verdict.of(NOW, false, NOW.plusSeconds(60), EXPIRES, NewerCertificate.NONE).advice());
    }

    @Test
    void aRevokedOrExpiredCertificateWithANewerOnePointsToTheNewerOne() {
        assertEquals(new Verdict(CertificateState.REVOKED, Advice.CHOOSE_NEWER),
                Verdict.of(NOW, true, ISSUED, EXPIRES, NewerCertificate.RETRIEVED));
        assertEquals(new Verdict(CertificateState.EXPIRED, Advice.RETRIEVE_NEWER),
                Verdict.of(NOW, false, ISSUED, NOW.minusSeconds(1), NewerCertificate.OPEN));
    }

    @Test
    void notAfterIsTheFirstExpiredInstantAsTheListsCountIt() {
        assertEquals(CertificateState.EXPIRED, Verdict.of(NOW, false, ISSUED, NOW, NewerCertificate.NONE).state());
        assertEquals(CertificateState.CURRENT,
                Verdict.of(NOW, false, NOW, NOW.plusMillis(1), NewerCertificate.NONE).state(),
                "valid from notBefore itself");
    }

    @ParameterizedTest
    @EnumSource(value = CertificateState.class, names = {"NONE", "UNKNOWN", "REVOKED", "EXPIRED", "NOT_YET_VALID"})
    void onlyAWorkingCertificateCountsAsInstalled(CertificateState state) {
        assertFalse(state.works());
    }

    @Test
    void noCertificateAndAForeignOneHaveTheirOwnAdvice() {
        assertEquals(Advice.INSTALL_CERTIFICATE, Verdict.NO_CERTIFICATE.advice());
        assertEquals(Advice.CHOOSE_KAGI_CERTIFICATE, Verdict.NOT_KAGI.advice());
    }

    @Test
    void adviceCarriesItsMessageKeyInLowerCamelCase() {
        assertEquals("selftest.advice.allGood", Advice.ALL_GOOD.messageKey());
        assertEquals("selftest.advice.chooseKagiCertificate", Advice.CHOOSE_KAGI_CERTIFICATE.messageKey());
    }

    @Test
    void messageArgumentsAreThePresentedCnTheNewerCnAndTheContactWithBlanksForTheMissing() {
        SelfTestCertificate old = new SelfTestCertificate("dsca00012", "Example", "0A", ISSUED, EXPIRES);
        SelfTestCertificate newer = new SelfTestCertificate("dsca00345", "Example", "0B", NOW, EXPIRES);
        assertEquals(List.of("dsca00012", "dsca00345", "ca@example.jp"), new SelfTestResult(old,
                CertificateState.SUPERSEDED, false, newer, Advice.CHOOSE_NEWER, "ca@example.jp", NOW, false)
                .messageArguments());
        assertEquals(List.of("", "", ""), new SelfTestResult(null, CertificateState.NONE, false, null,
                Advice.INSTALL_CERTIFICATE, null, null, false).messageArguments());
    }
}
