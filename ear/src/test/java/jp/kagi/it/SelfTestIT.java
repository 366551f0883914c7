package jp.kagi.it;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.kagi.account.AccountService;
import jp.kagi.account.NewAccount;
import jp.kagi.admin.AdminPrincipal;
import jp.kagi.admin.AdminRole;
import jp.kagi.audit.AuditEntry;
import jp.kagi.audit.AuditLog;
import jp.kagi.customer.CustomerService;
import jp.kagi.dashboard.CertificateStatistics;
import jp.kagi.issuance.CertificateQuery;
import jp.kagi.issuance.IssuanceService;
import jp.kagi.issuance.IssuedCertificate;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.PageRequest;
import jp.kagi.renewal.CampaignCsv;
import jp.kagi.renewal.CampaignRequest;
import jp.kagi.renewal.CampaignRowView;
import jp.kagi.renewal.CampaignView;
import jp.kagi.renewal.RenewalCampaigns;
import jp.kagi.revocation.RevocationService;
import jp.kagi.selftest.Advice;
import jp.kagi.selftest.CertificateState;
import jp.kagi.selftest.SelfTestResult;
import jp.kagi.selftest.SelfTests;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The self-test's verdicts (issue 11) inside the server, with certificates Kagi really issued: current, superseded
 * after a reissue and after a renewal campaign, revoked, another CA's with the same subject and serial, a Kagi one
 * with a broken signature, none at all. The first success is recorded once, even when four tests race, and shows in
 * the certificate's REST JSON, the dashboard and the campaign's figures, rows and CSV.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SelfTestIT {

    private static final Actor ACTOR = new Actor("selftest-it", "127.0.0.1");
    private static final AdminPrincipal CA_ADMIN = new AdminPrincipal("selftest-it", AdminRole.CA_ADMIN, Set.of());
    private static final String CONTACT = "contact-selftest@example.jp";

    @Deployment
    static EnterpriseArchive deployment() {
        return KagiDeployment.withTestClasses(SelfTestIT.class, KagiDeployment.class, Poll.class, Api.class);
    }

    @Inject
    CustomerService customers;

    @Inject
    AccountService accounts;

    @Inject
    IssuanceService issuance;

    @Inject
    RevocationService revocation;

    @Inject
    CertificateQuery certificates;

    @Inject
    CertificateStatistics statistics;

    @Inject
    RenewalCampaigns campaigns;

    @Inject
    AuditLog audit;

    @Inject
    SelfTests selfTests;

    @Test
    @Order(1)
    void currentSupersededRevokedAndUnknownCertificates() throws Exception {
        String customer = customer("Selftest");
        String userId = account(customer, "first");
        IssuedCertificate first = issuance.issue(ACTOR, CustomerScope.SYSTEM, userId);
        X509Certificate a = x509(first.serial());

        SelfTestResult none = selfTests.examine(null, "192.0.2.1");
        assertEquals(CertificateState.NONE, none.state());
        assertEquals(Advice.INSTALL_CERTIFICATE, none.advice());
        assertNull(none.presented());

        SelfTestResult current = selfTests.examine(a, "192.0.2.1");
        assertEquals(CertificateState.CURRENT, current.state());
        assertEquals(Advice.ALL_GOOD, current.advice());
        assertTrue(current.newest());
        assertNull(current.newer());
        assertEquals(first.cn(), current.presented().cn());
        assertEquals(customer, current.presented().customer());
        assertEquals(first.serial(), current.presented().serial());
        assertEquals(a.getNotAfter().toInstant(), current.presented().notAfter());
        assertEquals(CONTACT, current.contact());
        assertTrue(current.firstSuccess(), "the first success is recorded");
        assertNotNull(current.installedAt());

        SelfTestResult again = selfTests.examine(a, "192.0.2.2");
        assertFalse(again.firstSuccess(), "recorded once");
        assertEquals(current.installedAt(), again.installedAt(), "the first success's time stays");
        List<AuditEntry> installs = installs(first.serial());
        assertEquals(1, installs.size(), "audited once: " + installs);
        assertEquals(userId, installs.get(0).actor());
        assertEquals("192.0.2.1", installs.get(0).sourceAddress());
        assertEquals(current.installedAt(), certificates.bySerial(CustomerScope.SYSTEM, first.serial()).orElseThrow().installedAt());

        // A reissue: the old certificate stays valid but is no longer the newest.
        IssuedCertificate reissued = issuance.reissue(ACTOR, CustomerScope.SYSTEM, first.serial());
        X509Certificate b = x509(reissued.serial());
        SelfTestResult older = selfTests.examine(a, null);
        assertEquals(CertificateState.SUPERSEDED, older.state());
        assertFalse(older.newest());
        assertEquals(reissued.cn(), older.newer().cn());
        assertEquals(Advice.RETRIEVE_NEWER, older.advice(), "the newer key was not retrieved yet");
        assertEquals(List.of(first.cn(), reissued.cn(), CONTACT), older.messageArguments());
        assertFalse(older.firstSuccess());

        SelfTestResult newer = selfTests.examine(b, null);
        assertEquals(CertificateState.CURRENT, newer.state());
        assertTrue(newer.firstSuccess());
        assertEquals(Advice.CHOOSE_NEWER, selfTests.examine(a, null).advice(),
                "once the newer one is installed, it only needs choosing");

        // Revoked: the newer one goes, so the older one is the newest valid certificate again.
        revocation.revoke(ACTOR, CustomerScope.SYSTEM, reissued.serial(), "keyCompromise");
        SelfTestResult revoked = selfTests.examine(b, null);
        assertEquals(CertificateState.REVOKED, revoked.state());
        assertEquals(Advice.CONTACT_REVOKED, revoked.advice());
        assertEquals(CONTACT, revoked.contact());
        assertEquals(newer.installedAt(), revoked.installedAt(), "installed stays a fact of the past");
        SelfTestResult backToOld = selfTests.examine(a, null);
        assertEquals(CertificateState.CURRENT, backToOld.state(), "a revoked newer certificate does not make it old");
        assertTrue(backToOld.newest());

        IssuedCertificate never = issuance.issue(ACTOR, CustomerScope.SYSTEM, account(customer, "never"));
        revocation.revoke(ACTOR, CustomerScope.SYSTEM, never.serial(), "superseded");
        SelfTestResult neverInstalled = selfTests.examine(x509(never.serial()), null);
        assertEquals(CertificateState.REVOKED, neverInstalled.state());
        assertNull(neverInstalled.installedAt(), "a revoked certificate never becomes installed");
        assertEquals(List.of(), installs(never.serial()));

        // Another CA's certificate with the very same subject and serial, and a Kagi one with a broken signature.
        SelfTestResult foreign = selfTests.examine(foreignTwin(a), null);
        assertEquals(CertificateState.UNKNOWN, foreign.state());
        assertEquals(Advice.CHOOSE_KAGI_CERTIFICATE, foreign.advice());
        assertEquals(first.cn(), foreign.presented().cn(), "what the certificate says of itself");
        assertEquals(customer, foreign.presented().customer());
        assertNull(foreign.installedAt());
        assertNull(foreign.contact());
        assertEquals(CertificateState.UNKNOWN, selfTests.examine(brokenSignature(a), null).state());

        assertEquals(2, statistics.figures(new jp.kagi.admin.AdminPrincipal("it", jp.kagi.admin.AdminRole.OPERATOR, Set.of(customer))).total().installed(), "the dashboard counts a and b");
        // The account list: each account's newest certificate, with retrieved and installed.
        var newest = certificates.newestPerAccount(CA_ADMIN, customer);
        assertEquals(reissued.cn(), newest.get(userId).cn(), "the higher dscaNNNNN, even when revoked");
        assertEquals(newer.installedAt(), newest.get(userId).installedAt());
        assertNull(newest.get(userId).firstRetrievedAt());
        assertEquals(2, newest.size());
        assertEquals(Map.of(), certificates.newestPerAccount(
                new AdminPrincipal("op", AdminRole.OPERATOR, Set.of("another customer")), customer),
                "an operator of other customers learns nothing");
        handOver(Path.of(System.getProperty("jboss.server.base.dir")), "installed.serial", first.serial(),
                "installed.at", current.installedAt().toString(), "never.serial", never.serial());
    }

    @Test
    @Order(2)
    void fourSimultaneousFirstTestsRecordOneSuccess() throws Exception {
        String customer = customer("Race");
        IssuedCertificate issued = issuance.issue(ACTOR, CustomerScope.SYSTEM, account(customer, "race"));
        X509Certificate cert = x509(issued.serial());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<SelfTestResult>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> selfTests.examine(cert, null));
            }
            List<SelfTestResult> results = new ArrayList<>();
            for (Future<SelfTestResult> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
            assertEquals(1, results.stream().filter(SelfTestResult::firstSuccess).count(), results.toString());
            assertEquals(1, results.stream().map(SelfTestResult::installedAt).distinct().count(), results.toString());
            assertEquals(1, installs(issued.serial()).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(3)
    void aRenewalCampaignCountsTheNewCertificatesInstalled() throws Exception {
        String customer = customer("Renewal");
        IssuedCertificate old = issuance.issue(ACTOR, CustomerScope.SYSTEM, account(customer, "renew"));
        CampaignView draft = campaigns.create(ACTOR, CA_ADMIN, new CampaignRequest("Selftest " + customer,
                List.of(customer), null, null, LocalDate.now().plusDays(30).toString(), List.of("P7D"), null, null,
                null, null, null, null));
        campaigns.launch(ACTOR, CA_ADMIN, draft.id());
        Poll.until("the campaign's certificate issued", Duration.ofSeconds(120),
                () -> campaigns.view(CA_ADMIN, draft.id()).orElseThrow().renewed() == 1);
        CampaignRowView row = campaigns.rows(CA_ADMIN, draft.id(), "ALL", new PageRequest(0, 10)).get(0);
        assertNull(row.installedAt());
        assertEquals(0, campaigns.view(CA_ADMIN, draft.id()).orElseThrow().installed());

        SelfTestResult stillOld = selfTests.examine(x509(old.serial()), null);
        assertEquals(CertificateState.SUPERSEDED, stillOld.state(), "old and new overlap");
        assertEquals(row.newCommonName(), stillOld.newer().cn(), "the higher dscaNNNNN is the newer");
        assertTrue(stillOld.newer().cn().compareTo(old.cn()) > 0);
        assertEquals(Advice.RETRIEVE_NEWER, stillOld.advice());

        SelfTestResult renewed = selfTests.examine(x509(row.newSerial()), null);
        assertEquals(CertificateState.CURRENT, renewed.state());
        assertTrue(renewed.firstSuccess());

        CampaignView view = campaigns.view(CA_ADMIN, draft.id()).orElseThrow();
        assertEquals(1, view.installed());
        assertEquals(100, view.installedPercent());
        assertEquals(1, view.customers().get(0).installed());
        CampaignRowView installedRow = campaigns.rows(CA_ADMIN, draft.id(), "ALL", new PageRequest(0, 10)).get(0);
        assertEquals(renewed.installedAt(), installedRow.installedAt());
        StringWriter csv = new StringWriter();
        CampaignCsv.write(csv, page -> page.page() == 0 ? List.of(installedRow) : List.of());
        assertTrue(csv.toString().contains("\"" + renewed.installedAt() + "\""), csv.toString());
        handOver(Path.of(System.getProperty("jboss.server.base.dir")), "campaign", String.valueOf(draft.id()));
    }

    /** Over HTTPS like an API client: the certificate JSON and the campaign JSON carry what the self-test recorded. */
    @Test
    @Order(4)
    @RunAsClient
    void theRestApiShowsInstalled() throws Exception {
        String database = System.getProperty("arquillian.launch", "wildfly-h2").replace("wildfly-", "");
        Properties p = new Properties();
        Path dir = Path.of(System.getProperty("kagi.it.dir"), database);
        try (var in = Files.newInputStream(dir.resolve(HAND_OVER))) {
            p.load(in);
        }
        Files.delete(dir.resolve(HAND_OVER));
        Api api = Api.admin();
        JsonObject installed = api.get("/api/v1/certificates/" + p.getProperty("installed.serial")).json();
        assertEquals(Instant.parse(p.getProperty("installed.at")), Instant.parse(installed.getString("installedAt")));
        JsonObject never = api.get("/api/v1/certificates/" + p.getProperty("never.serial")).json();
        assertTrue(!never.containsKey("installedAt") || never.isNull("installedAt"), never.toString());
        JsonObject campaign = api.get("/api/v1/campaigns/" + p.getProperty("campaign")).json();
        assertEquals(1, campaign.getInt("installed"), campaign.toString());
        JsonObject row = api.get("/api/v1/campaigns/" + p.getProperty("campaign") + "/accounts").array()
                .getJsonObject(0);
        assertTrue(row.containsKey("installedAt") && !row.isNull("installedAt"), row.toString());
    }

    private static final String HAND_OVER = "selftest-it.properties";

    private static void handOver(Path dir, String... keyValues) throws Exception {
        Properties p = new Properties();
        Path file = dir.resolve(HAND_OVER);
        if (Files.exists(file)) {
            try (var in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        try (var out = Files.newOutputStream(file)) {
            p.store(out, "SelfTestIT, test data only");
        }
    }

    private List<AuditEntry> installs(String serial) {
        return audit.forObject(CustomerScope.SYSTEM, "certificate", serial).stream().filter(e -> e.action().equals("certificate.install"))
                .toList();
    }

    private String customer(String prefix) {
        String name = prefix + " " + UUID.randomUUID().toString().substring(0, 8);
        customers.create(ACTOR, CustomerScope.SYSTEM, name, CONTACT);
        return name;
    }

    private String account(String customer, String who) {
        return accounts.create(ACTOR, CustomerScope.SYSTEM, new NewAccount(customer, who + "-" + UUID.randomUUID() + "@example.jp", who,
                "ja")).userId();
    }

    private X509Certificate x509(String serial) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificates.der(CustomerScope.SYSTEM, serial).orElseThrow()));
    }

    /** A self-signed certificate of another CA with the same subject DN and serial as {@code kagi}. */
    private static X509Certificate foreignTwin(X509Certificate kagi) throws Exception {
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        var pair = keys.generateKeyPair();
        X500Name subject = X500Name.getInstance(kagi.getSubjectX500Principal().getEncoded());
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(subject, kagi.getSerialNumber(),
                Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(30))), subject, pair.getPublic());
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    }

    /** {@code kagi} with the last byte of its signature changed: the same subject and serial, no longer Kagi's. */
    private static X509Certificate brokenSignature(X509Certificate kagi) throws Exception {
        byte[] der = kagi.getEncoded();
        der[der.length - 1] ^= 0x01;
        X509Certificate broken = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        assertEquals(kagi.getSerialNumber(), broken.getSerialNumber());
        return broken;
    }
}
