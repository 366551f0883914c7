package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.security.auth.x500.X500Principal;
import jp.kagi.account.AccountService;
import jp.kagi.account.NewAccount;
import jp.kagi.audit.AuditLog;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.ca.ClientProfile;
import jp.kagi.ca.CommonName;
import jp.kagi.ca.KeyType;
import jp.kagi.ca.ProfileCheck;
import jp.kagi.customer.CustomerService;
import jp.kagi.issuance.CertificateQuery;
import jp.kagi.issuance.IssuanceService;
import jp.kagi.issuance.IssuedCertificate;
import jp.kagi.mail.MailView;
import jp.kagi.mail.Outbox;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issuance end to end inside the server: the certificate, its key, its mails, the CN sequence under failure and load. */
@ExtendWith(ArquillianExtension.class)
class IssuanceIT {

    private static final Actor ACTOR = new Actor("issuance-it", "127.0.0.1");

    @Deployment
    static EnterpriseArchive deployment() {
        return KagiDeployment.withTestClasses(IssuanceIT.class, FailureInjector.class, ItProbe.class,
                KagiDeployment.class);
    }

    @Inject
    CustomerService customers;

    @Inject
    AccountService accounts;

    @Inject
    IssuanceService issuance;

    @Inject
    CertificateQuery certificates;

    @Inject
    CertificateAuthority ca;

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    ItProbe probe;

    @Test
    void issuedCertificateChainsToTheRootAndMatchesTheProfile() throws Exception {
        String customer = newCustomer();
        String userId = accounts.create(ACTOR, CustomerScope.SYSTEM, new NewAccount(customer, "chain@example.jp", "鎖 太郎", "ja")).userId();

        IssuedCertificate issued = issuance.issue(ACTOR, CustomerScope.SYSTEM, userId);

        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificates.der(CustomerScope.SYSTEM, issued.serial()).orElseThrow()));
        assertEquals(new X500Principal("CN=" + issued.cn() + ",OU=" + customer + ",C=JP"), cert.getSubjectX500Principal());
        assertEquals("C=JP, OU=" + customer + ", CN=" + issued.cn(), issued.subject());
        assertTrue(issued.cn().matches("dsca\\d{5,}"), issued.cn());
        assertTrue(cert.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"), "EKU clientAuth");
        assertEquals(-1, cert.getBasicConstraints(), "CA:FALSE");
        assertTrue(cert.getCriticalExtensionOIDs().contains("2.5.29.19"), "basicConstraints critical");
        assertTrue(cert.getSerialNumber().signum() > 0 && cert.getSerialNumber().bitLength() >= 64,
                "serial of at least 64 random bits");
        assertEquals(issued.notAfter(), cert.getNotAfter().toInstant());

        PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(ca.rootCertificate(), null)));
        pkix.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
                .generateCertPath(List.of(cert, ca.issuingCertificate())), pkix);

        long number = Long.parseLong(issued.cn().substring(4));
        ClientProfile profile = ca.profile(customer, new CommonName("dsca", number), cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(), KeyType.RSA_2048);
        assertEquals(List.of(), ProfileCheck.violations(cert, profile, ca.issuingCertificate()));

        // The key held for retrieval is the certificate's own, sealed at rest (under its own data key, 12/sealing).
        assertNotNull(probe.sealedKey(issued.requestId()));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(
                new PKCS8EncodedKeySpec(probe.openPrivateKey(issued.requestId())));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(cert);
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature), "sealed key matches the certificate");

        List<MailView> mails = outbox.byCertificate(issued.serial());
        assertEquals(List.of("ISSUANCE_NOTICE", "REGISTRATION_REQUEST"), mails.stream().map(MailView::kind).toList());
        assertTrue(mails.stream().allMatch(m -> m.recipient().equals("chain@example.jp")));
        assertFalse(audit.forObject(CustomerScope.SYSTEM, "certificate", issued.serial()).isEmpty(), "issuance is audited");
    }

    @Test
    void aFailureAfterNumberingLeavesNoTraceAndNoGap() {
        String customer = newCustomer();
        String userId = accounts.create(ACTOR, CustomerScope.SYSTEM, new NewAccount(customer, "gap@example.jp", "隙間 花子", "en")).userId();
        long before = nextNumber();
        long mailsBefore = countMails();

        FailureInjector.armOnce();
        assertThrows(RuntimeException.class, () -> issuance.issue(ACTOR, CustomerScope.SYSTEM, userId));

        assertEquals(before, nextNumber(), "the number taken by the failed issuance was given back");
        assertEquals(List.of(), certificates.list(CustomerScope.SYSTEM, new jp.kagi.issuance.CertificateSearch(customer, null, null, null, null, null), 0, 10), "no certificate stored");
        assertEquals(mailsBefore, countMails(), "no mail queued");
        IssuedCertificate next = issuance.issue(ACTOR, CustomerScope.SYSTEM, userId);
        assertEquals(new CommonName("dsca", before).value(), next.cn(), "the next issuance takes the same number");
    }

    @Test
    void twoHundredConcurrentIssuancesGetConsecutiveNumbersAndDistinctSerials() throws Exception {
        String customer = newCustomer();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> opened = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String email = "load" + i + "@example.jp";
                opened.add(pool.submit(() -> accounts.create(ACTOR, CustomerScope.SYSTEM, new NewAccount(customer, email, "Load", "ja")).userId()));
            }
            List<Future<IssuedCertificate>> issued = new ArrayList<>();
            for (Future<String> userId : opened) {
                String id = userId.get(5, TimeUnit.MINUTES);
                issued.add(pool.submit(() -> issuance.issue(ACTOR, CustomerScope.SYSTEM, id)));
            }
            Set<Long> numbers = new HashSet<>();
            Set<String> serials = new HashSet<>();
            Set<String> requestIds = new HashSet<>();
            for (Future<IssuedCertificate> f : issued) {
                IssuedCertificate c = f.get(5, TimeUnit.MINUTES);
                numbers.add(Long.parseLong(c.cn().substring(4)));
                serials.add(c.serial());
                requestIds.add(c.requestId());
            }
            assertEquals(200, numbers.size(), "distinct CNs");
            assertEquals(200, serials.size(), "distinct serials");
            assertEquals(200, requestIds.size(), "distinct Request IDs");
            long min = numbers.stream().mapToLong(Long::longValue).min().orElseThrow();
            long max = numbers.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertEquals(199, max - min, "consecutive CNs");
            assertTrue(nextNumber() > max, "the sequence moved past the last one");
        } finally {
            pool.shutdownNow();
        }
    }

    private String newCustomer() {
        String name = "IT " + UUID.randomUUID().toString().substring(0, 8);
        customers.create(ACTOR, CustomerScope.SYSTEM, name, "ca-team@example.jp");
        return name;
    }

    private long nextNumber() {
        return ca.issuer().nextCnNumber();
    }

    private long countMails() {
        return probe.countMails();
    }

}
