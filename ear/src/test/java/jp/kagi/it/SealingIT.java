package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kagi.account.AccountService;
import jp.kagi.account.NewAccount;
import jp.kagi.admin.AdminPrincipal;
import jp.kagi.admin.AdminRole;
import jp.kagi.customer.CustomerService;
import jp.kagi.customer.PolicyChange;
import jp.kagi.issuance.IssuanceService;
import jp.kagi.issuance.IssuedCertificate;
import jp.kagi.kek.KekService;
import jp.kagi.kek.KekStatus;
import jp.kagi.kek.KekTimer;
import jp.kagi.mail.MailKind;
import jp.kagi.platform.Actor;
import jp.kagi.platform.KagiException;
import jp.kagi.retrieval.Requester;
import jp.kagi.retrieval.RetrievalService;
import jp.kagi.revocation.RevocationService;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 12/sealing inside the server: each pending private key is sealed under its own data key in key_vault; a lock (by
 * the timer, a revocation, a reissue) deletes that row, after which neither the live database nor a copy of it taken
 * after the lock opens the key, even with every KEK version; a copy taken before the lock still does. The KEK
 * rotation re-wraps the data keys (and moves keys sealed the old way under their own), the old KEK version is retired,
 * and retrieval still works with the same password. The password is read from the registration mail in the outbox
 * (no SMTP server listens in this test, so the mail stays there).
 */
@ExtendWith(ArquillianExtension.class)
class SealingIT {

    private static final Actor ACTOR = new Actor("sealing-it", "127.0.0.1");
    private static final AdminPrincipal CA_ADMIN = new AdminPrincipal("sealing-it", AdminRole.CA_ADMIN, Set.of());
    private static final Pattern EN_PASSWORD = Pattern.compile("Password\\s*:\\s*(\\S+)");

    @Deployment
    static EnterpriseArchive deployment() {
        return KagiDeployment.withTestClasses(SealingIT.class, SealingProbe.class, SealingProbe.VaultRow.class,
                SealingProbe.Backup.class, ItProbe.class, KagiDeployment.class, Poll.class);
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
    RetrievalService retrieval;

    @Inject
    KekService kek;

    @Inject
    KekTimer kekTimer;

    @Inject
    SealingProbe vault;

    @Inject
    ItProbe probe;

    private record Pending(String userId, String email, IssuedCertificate issued) {
    }

    @Test
    void aRevocationDeletesTheDataKeyAndACopyTakenAfterItOpensNothing() throws GeneralSecurityException {
        Pending p = issue(null);
        String dataKey = vault.dataKeyId(p.issued().requestId());
        assertNotNull(dataKey, "the key waits sealed under its own data key");
        assertTrue(vault.vaultRowExists(dataKey));
        SealingProbe.Backup before = vault.backup();
        byte[] sealed = before.sealedKeys().get(p.issued().requestId());
        assertTrue(vault.anythingOpens(sealed, before.vault()), "a copy taken before the lock still opens it");
        assertRetrievable(p, password(p));

        revocation.revoke(ACTOR, jp.kagi.platform.CustomerScope.SYSTEM, p.issued().serial(), "keyCompromise");

        assertEquals("LOCKED", probe.requestStatus(p.issued().requestId()));
        assertNull(vault.dataKeyId(p.issued().requestId()));
        assertFalse(vault.vaultRowExists(dataKey), "the data key row is deleted at the lock");
        SealingProbe.Backup after = vault.backup();
        assertNull(after.sealedKeys().get(p.issued().requestId()), "no sealed key left in the live database");
        assertFalse(after.vault().stream().anyMatch(r -> r.id().equals(dataKey)));
        assertFalse(vault.anythingOpens(sealed, after.vault()),
                "even the sealed key from an older copy cannot be opened with the KEK and every data key left");
    }

    @Test
    void theLockTimerAndAReissueDeleteTheDataKey() {
        String customer = "Seal " + UUID.randomUUID().toString().substring(0, 8);
        customers.create(ACTOR, jp.kagi.platform.CustomerScope.SYSTEM, customer, "ca@example.jp");
        customers.changePolicy(ACTOR, jp.kagi.platform.CustomerScope.SYSTEM, customer, new PolicyChange("PT4S", "PT2S", null, null, null, null, null, null));
        Pending timed = issue(customer);
        String timedKey = vault.dataKeyId(timed.issued().requestId());
        assertTrue(vault.vaultRowExists(timedKey));

        Pending reissued = issue(null);
        String oldKey = vault.dataKeyId(reissued.issued().requestId());
        IssuedCertificate fresh = issuance.reissue(ACTOR, jp.kagi.platform.CustomerScope.SYSTEM, reissued.issued().serial());
        assertFalse(vault.vaultRowExists(oldKey), "the superseded request's data key is deleted");
        assertTrue(vault.vaultRowExists(vault.dataKeyId(fresh.requestId())), "the new request has its own");

        Poll.until("locked by the timer", Duration.ofSeconds(30),
                () -> "LOCKED".equals(probe.requestStatus(timed.issued().requestId())));
        assertFalse(vault.vaultRowExists(timedKey), "the timer's lock deletes the data key row");
        assertNull(vault.dataKeyId(timed.issued().requestId()));
    }

    @Test
    void rotationRewrapsEveryDataKeyAndTheOldKekIsNoLongerNeeded() throws GeneralSecurityException {
        Pending modern = issue(null);
        Pending legacy = issue(null);
        String modernPassword = password(modern);
        String legacyPassword = password(legacy);
        vault.makeLegacy(legacy.issued().requestId());
        assertNull(vault.dataKeyId(legacy.issued().requestId()), "sealed under the KEK itself, as before 12/sealing");
        assertRetrievable(legacy, legacyPassword);

        AdminPrincipal operator = new AdminPrincipal("op", AdminRole.OPERATOR, Set.of("x"));
        assertThrows(KagiException.class, () -> kek.introduceVersion(operator, ACTOR));
        assertThrows(KagiException.class, () -> kek.status(operator));

        List<Integer> oldVersions = kek.status(CA_ADMIN).heldVersions();
        int version = kek.introduceVersion(CA_ADMIN, ACTOR);
        assertEquals(oldVersions.get(oldVersions.size() - 1) + 1, version);
        assertThrows(KagiException.class, () -> kek.retireVersion(CA_ADMIN, ACTOR, version), "never the newest");
        Poll.until("the background rotation has moved everything under version " + version, Duration.ofSeconds(30),
                () -> kek.status(CA_ADMIN).rotated());
        KekStatus status = kek.status(CA_ADMIN);
        assertEquals(0, status.legacyKeys());
        assertEquals(Set.of(version), status.dataKeysPerVersion().keySet());

        for (int old : oldVersions) {
            // A mail sealed under the old version by a transaction that overlapped the pass: the next pass moves it.
            Poll.until("KEK version " + old + " retired", Duration.ofSeconds(30), () -> {
                kekTimer.runPass();
                try {
                    kek.retireVersion(CA_ADMIN, ACTOR, old);
                    return true;
                } catch (KagiException e) {
                    return false;
                }
            });
        }
        assertEquals(List.of(version), kek.status(CA_ADMIN).heldVersions(), "only the newest KEK is held");

        String legacyKey = vault.dataKeyId(legacy.issued().requestId());
        assertNotNull(legacyKey, "the legacy key now has its own data key");
        assertEquals(version, vault.vaultRowKekVersion(legacyKey));
        assertEquals(version, vault.vaultRowKekVersion(vault.dataKeyId(modern.issued().requestId())));
        assertRetrievable(modern, modernPassword);
        assertRetrievable(legacy, legacyPassword);
        assertTrue(password(issue(null)).length() > 0, "new registration mails are sealed and read under the new KEK");
    }

    private Pending issue(String customer) {
        String name = customer;
        if (name == null) {
            name = "Seal " + UUID.randomUUID().toString().substring(0, 8);
            customers.create(ACTOR, jp.kagi.platform.CustomerScope.SYSTEM, name, "ca@example.jp");
        }
        String email = "seal-" + UUID.randomUUID() + "@example.jp";
        String userId = accounts.create(ACTOR, jp.kagi.platform.CustomerScope.SYSTEM, new NewAccount(name, email, "Seal", "en")).userId();
        return new Pending(userId, email, issuance.issue(ACTOR, jp.kagi.platform.CustomerScope.SYSTEM, userId));
    }

    private String password(Pending p) {
        Matcher m = EN_PASSWORD.matcher(probe.mailBody(p.email(), MailKind.REGISTRATION_REQUEST));
        assertTrue(m.find(), "the registration mail carries the password");
        return m.group(1);
    }

    private void assertRetrievable(Pending p, String password) throws GeneralSecurityException {
        byte[] p12 = retrieval.prepare(new Requester(p.userId(), "127.0.0.1", "sealing-it"), p.issued().requestId(),
                password, password).pkcs12();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(new ByteArrayInputStream(p12), password.toCharArray());
        } catch (java.io.IOException e) {
            throw new AssertionError("the PKCS#12 does not open with the mailed password", e);
        }
        assertNotNull(store.getKey(p.issued().cn(), password.toCharArray()), "the private key is in the PKCS#12");
    }
}
