package jp.kagi.selftest;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import jp.kagi.audit.AuditLog;
import jp.kagi.ca.SerialNumbers;
import jp.kagi.certificate.CertificateStatus;
import jp.kagi.certificate.ClientCertificate;
import jp.kagi.platform.Actor;
import jp.kagi.retrieval.RequestStatus;
import jp.kagi.retrieval.RetrievalRequest;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * The certificate self-test (証明書の動作確認 / Test my certificate) for the page at {@code https://host:8444/selftest}.
 *
 * <p>One call: {@link #examine(X509Certificate, String)} with the client certificate of the page's TLS handshake
 * (the first element of the request attribute {@code jakarta.servlet.request.X509Certificate}, or null when there is
 * none). It answers a {@link SelfTestResult}:
 * <ul>
 * <li>{@code presented}: which certificate the browser sent (CN, customer, serial, validity);</li>
 * <li>{@code state}: {@link CertificateState} — NONE, UNKNOWN to Kagi, REVOKED, EXPIRED, NOT_YET_VALID,
 * SUPERSEDED by a newer certificate of the same account (the higher dscaNNNNN), or CURRENT;</li>
 * <li>{@code newest} and {@code newer}: whether it is the newest valid certificate of its account, and if not, which
 * one is;</li>
 * <li>{@code advice}: an {@link Advice} whose {@link Advice#messageKey()} is in messages(_ja).properties and takes
 * {@link SelfTestResult#messageArguments()}, e.g. "your browser sent the older {0}; choose {1} in the selection
 * dialog";</li>
 * <li>{@code installedAt}/{@code firstSuccess}: the first call whose certificate works (CURRENT or SUPERSEDED) records
 * the certificate as installed, once, with an audit record {@code certificate.install}.</li>
 * </ul>
 * Texts (asp module, messages.properties and messages_ja.properties, both languages): {@code selftest.title}
 * (証明書の動作確認 / Test my certificate), the labels {@code selftest.presented}, {@code selftest.cn},
 * {@code selftest.customer}, {@code selftest.serial}, {@code selftest.notAfter}, {@code selftest.newest} /
 * {@code selftest.notNewest} ({1} the newer CN), {@code selftest.installedFirst}, {@code selftest.installedAt}, the
 * state {@code selftest.state.<CertificateState>}, and the advice {@link Advice#messageKey()}.
 *
 * <p>A certificate is Kagi's when its bytes are those of a certificate Kagi issued, so another CA's certificate with
 * the same subject, or a Kagi-looking one with a bad signature, is UNKNOWN. No role is required: the caller is the
 * holder of the certificate, proven by the TLS handshake, and the answer speaks only of that certificate's account.
 * Never pass a certificate the handshake did not prove.
 */
@Stateless
public class SelfTests {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditLog audit;

    /**
     * Examines the certificate the browser presented and records the first success.
     *
     * @param presented     the client certificate of the TLS handshake, or null when the browser sent none
     * @param sourceAddress the browser's address, for the audit record only (may be null)
     */
    public SelfTestResult examine(X509Certificate presented, String sourceAddress) {
        if (presented == null) {
            return new SelfTestResult(null, Verdict.NO_CERTIFICATE.state(), false, null,
                    Verdict.NO_CERTIFICATE.advice(), null, null, false);
        }
        Optional<ClientCertificate> known = issuedByKagi(presented);
        if (known.isEmpty()) {
            return new SelfTestResult(described(presented), Verdict.NOT_KAGI.state(), false, null,
                    Verdict.NOT_KAGI.advice(), null, null, false);
        }
        ClientCertificate cert = known.get();
        // Milliseconds: what both databases store unchanged, so that the time answered is the time kept.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<ClientCertificate> newer = em.createNamedQuery("ClientCertificate.usableNewer", ClientCertificate.class)
                .setParameter("account", cert.account()).setParameter("number", cert.number())
                .setParameter("now", now).setMaxResults(1).getResultStream().findFirst();
        Verdict verdict = Verdict.of(now, cert.status() == CertificateStatus.REVOKED, cert.notBefore(),
                cert.notAfter(), newer.map(this::standing).orElse(NewerCertificate.NONE));
        Instant installedAt = cert.installedAt();
        boolean first = false;
        if (verdict.state().works() && installedAt == null) {
            first = em.createNamedQuery("ClientCertificate.markInstalled").setParameter("at", now)
                    .setParameter("id", cert.id()).executeUpdate() == 1;
            if (first) {
                installedAt = now;
                audit.record(new Actor(cert.account().userId(), sourceAddress), "certificate.install", "certificate",
                        cert.serial(), cert.commonName() + " passed the self-test for the first time");
            } else {
                // Another self-test of the same certificate won the race: its time is the first success.
                installedAt = em.createQuery("select c.installedAt from ClientCertificate c where c.id = :id",
                        Instant.class).setParameter("id", cert.id()).getSingleResult();
            }
        }
        return new SelfTestResult(view(cert), verdict.state(), newer.isEmpty(), newer.map(SelfTests::view).orElse(null),
                verdict.advice(), cert.customer().contactEmail(), installedAt, first);
    }

    /** The stored certificate with the presented one's serial and the very same bytes, if there is one. */
    private Optional<ClientCertificate> issuedByKagi(X509Certificate presented) {
        byte[] der;
        try {
            der = presented.getEncoded();
        } catch (CertificateEncodingException e) {
            return Optional.empty();
        }
        return em.createNamedQuery("ClientCertificate.bySerial", ClientCertificate.class)
                .setParameter("serial", SerialNumbers.hex(presented.getSerialNumber())).getResultStream()
                .filter(c -> Arrays.equals(c.der(), der)).findFirst();
    }

    private NewerCertificate standing(ClientCertificate newer) {
        if (newer.installedAt() != null) {
            return NewerCertificate.RETRIEVED;
        }
        return em.createNamedQuery("RetrievalRequest.byCertificate", RetrievalRequest.class)
                .setParameter("certificate", newer).getResultStream().findFirst()
                .map(r -> r.firstRetrievedAt() != null ? NewerCertificate.RETRIEVED
                        : r.status() == RequestStatus.LOCKED ? NewerCertificate.LOCKED : NewerCertificate.OPEN)
                .orElse(NewerCertificate.OPEN);
    }

    private static SelfTestCertificate view(ClientCertificate c) {
        return new SelfTestCertificate(c.commonName(), c.customer().name(), c.serial(), c.notBefore(), c.notAfter());
    }

    /** What a certificate Kagi does not know says of itself: its own CN, OU and serial. */
    static SelfTestCertificate described(X509Certificate cert) {
        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        return new SelfTestCertificate(first(subject, BCStyle.CN), first(subject, BCStyle.OU),
                SerialNumbers.hex(cert.getSerialNumber()), cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant());
    }

    private static String first(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
        RDN[] rdns = name.getRDNs(type);
        return rdns.length == 0 ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }
}
