package jp.kagi.web.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.kagi.issuance.CertificateView;
import org.junit.jupiter.api.Test;

/** Seed 《クライアント証明書更新登録後の操作》: the larger dscaXXXXX is the one to choose while both work. */
class CertificateChoiceTest {

    private static final Instant NOW = Instant.parse("2027-04-01T00:00:00Z");

    @Test
    void theLargerNumberIsTheNewerCertificate() {
        var choice = CertificateChoice.among(List.of(cert("dsca00345", "ISSUED", "PENDING", 400),
                cert("dsca00012", "ISSUED", "RETRIEVED", 20)), NOW).orElseThrow();
        assertEquals("dsca00345", choice.newer());
        assertEquals(List.of("dsca00012"), choice.older());
        assertTrue(choice.isNewer("dsca00345"));
        assertFalse(choice.isNewer("dsca00012"));
    }

    @Test
    void theOrderOfTheListDoesNotMatterAndNumbersCompareAsNumbers() {
        var choice = CertificateChoice.among(List.of(cert("dsca99999", "ISSUED", "RETRIEVED", 20),
                cert("dsca100000", "ISSUED", "PENDING", 400), cert("dsca00012", "ISSUED", "RETRIEVED", 10)), NOW)
                .orElseThrow();
        assertEquals("dsca100000", choice.newer());
        assertEquals(List.of("dsca99999", "dsca00012"), choice.older());
    }

    @Test
    void oneCertificateIsNoChoice() {
        assertTrue(CertificateChoice.among(List.of(cert("dsca00012", "ISSUED", "RETRIEVED", 20)), NOW).isEmpty());
        assertTrue(CertificateChoice.among(List.of(), NOW).isEmpty());
    }

    @Test
    void expiredAndRevokedCertificatesAreNotOffered() {
        assertTrue(CertificateChoice.among(List.of(cert("dsca00345", "ISSUED", "PENDING", 400),
                cert("dsca00012", "ISSUED", "RETRIEVED", -1)), NOW).isEmpty(), "the old one expired");
        var choice = CertificateChoice.among(List.of(cert("dsca00400", "REVOKED", "LOCKED", 400),
                cert("dsca00345", "ISSUED", "PENDING", 400), cert("dsca00012", "ISSUED", "RETRIEVED", 20)), NOW)
                .orElseThrow();
        assertEquals("dsca00345", choice.newer(), "a revoked certificate is never the one to choose");
    }

    @Test
    void aLockedRetrievalStillLeavesAWorkingCertificate() {
        var choice = CertificateChoice.among(List.of(cert("dsca00345", "ISSUED", "PENDING", 400),
                cert("dsca00012", "ISSUED", "LOCKED", 20)), NOW).orElseThrow();
        assertEquals(List.of("dsca00012"), choice.older());
    }

    @Test
    void portalStatusWinsInTheSeedsOrder() {
        assertEquals(PortalStatus.REVOKED, PortalStatus.of(cert("dsca1", "REVOKED", "PENDING", -1), NOW));
        assertEquals(PortalStatus.EXPIRED, PortalStatus.of(cert("dsca1", "ISSUED", "PENDING", -1), NOW));
        assertEquals(PortalStatus.LOCKED, PortalStatus.of(cert("dsca1", "ISSUED", "LOCKED", 20), NOW));
        assertEquals(PortalStatus.RETRIEVED, PortalStatus.of(cert("dsca1", "ISSUED", "RETRIEVED", 20), NOW));
        assertEquals(PortalStatus.PENDING, PortalStatus.of(cert("dsca1", "ISSUED", "PENDING", 20), NOW));
        assertEquals("status.pending", PortalStatus.PENDING.messageKey());
    }

    @Test
    void aRequestPastItsLockTimeShowsLocked() {
        CertificateView due = new CertificateView("dsca1", "CN=dsca1", "AB", "c", "u", "RSA_2048", "ISSUED",
                NOW.minus(Duration.ofDays(40)), NOW.plus(Duration.ofDays(300)), NOW.minus(Duration.ofDays(40)), "R",
                "PENDING", null, NOW.minus(Duration.ofDays(10)), null);
        assertEquals(PortalStatus.LOCKED, PortalStatus.of(due, NOW));
    }

    private static CertificateView cert(String cn, String status, String retrieval, int daysLeft) {
        return new CertificateView(cn, "C=JP, OU=Example, CN=" + cn, "0A" + cn.length(), "Example", "u1", "RSA_2048",
                status, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(daysLeft)),
                NOW.minus(Duration.ofDays(30)), "REQUEST" + cn, retrieval, null, NOW.plus(Duration.ofDays(1)), null);
    }
}
