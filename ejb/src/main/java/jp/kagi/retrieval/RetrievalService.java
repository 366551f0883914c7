package jp.kagi.retrieval;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import jp.kagi.account.Account;
import jp.kagi.account.AccountService;
import jp.kagi.account.AttemptThrottle;
import jp.kagi.audit.AuditLog;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.certificate.ClientCertificate;
import jp.kagi.mail.MailSettings;
import jp.kagi.metrics.KagiMeters;
import jp.kagi.platform.Actor;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.RandomCodes;

/**
 * 鍵の取得 (seed §2-2): checks the Request ID, the password and its confirmation, enforces the lock rules, and
 * packs the key into a PKCS#12 protected by that password. Every refusal says what to do in plain words and
 * changes nothing; every download is recorded.
 */
@Stateless
public class RetrievalService {

    private static final java.time.format.DateTimeFormatter LOCK_TIME =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm (z)", java.util.Locale.ROOT);

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private CertificateAuthority ca;

    @Inject
    private AccountService accounts;

    @Inject
    private AttemptThrottle throttle;

    @Inject
    private AuditLog audit;

    @Inject
    private MailSettings mailSettings;

    /** Checks everything and returns the PKCS#12; the download itself is recorded by {@link #recordDownload}. */
    public PreparedKey prepare(Requester who, String requestIdInput, String password, String confirmation) {
        requireActive(who, "retrieval.accountInactive");
        String requestId = checkedRequestId(requestIdInput);
        if (password == null || password.isEmpty()) {
            throw KagiException.invalid("error.required", "password");
        }
        if (password.length() > 256) {
            throw KagiException.invalid("error.passwordWrong");
        }
        if (!password.equals(confirmation)) {
            throw KagiException.invalid("error.confirmationMismatch");
        }
        Duration wait = throttle.waitBefore(who.userId(), who.address());
        if (!wait.isZero()) {
            throw KagiException.invalid("error.tooManyAttempts", Math.max(1, wait.toSeconds()));
        }
        Optional<RetrievalRequest> found = ownRequest(who.userId(), requestId, false);
        if (found.isEmpty()) {
            refuse(who, "retrieval.unknownRequest", requestId);
            throw KagiException.invalid("error.requestIdUnknown");
        }
        RetrievalRequest request = found.get();
        refuseIfLocked(request);
        Account account = request.certificate().account();
        if (!accounts.passwordMatches(account, password)) {
            refuse(who, "retrieval.wrongPassword", requestId);
            throw KagiException.invalid("error.passwordWrong");
        }
        throttle.succeeded(who.userId(), who.address());
        ClientCertificate cert = request.certificate();
        byte[] p12 = Pkcs12Packager.pack(privateKey(request), x509(cert.der()), ca.chain(), cert.commonName(),
                password.toCharArray(), account.customer().policy().legacyPkcs12()
                        ? Pkcs12Packager.Flavour.LEGACY : Pkcs12Packager.Flavour.MODERN);
        return new PreparedKey(requestId, cert.commonName(), cert.commonName() + ".p12", p12);
    }

    /** Records a download of a prepared key; refused if the request locked since it was prepared. */
    public void recordDownload(Requester who, String requestId) {
        requireActive(who, "retrieval.downloadAccountInactive");
        RetrievalRequest request = ownRequest(who.userId(), requestId, true)
                .orElseThrow(() -> KagiException.invalid("error.requestIdUnknown"));
        refuseIfLocked(request);
        request.retrieved(clock.instant());
        em.persist(new RetrievalDownload(request, clock.instant(), who.address(), who.userAgent()));
        KagiMeters.retrieval();
        audit.record(new Actor(who.userId(), who.address()), "retrieval.download", "certificate",
                request.certificate().serial(), request.certificate().commonName() + " request " + requestId
                        + " agent " + who.userAgent());
    }

    /**
     * The portal session only says who signed in, and when: the account and its customer are read again on every
     * call, so that disabling either ends retrieval at once, even for a session that is still open.
     */
    private void requireActive(Requester who, String action) {
        if (who == null || who.userId() == null) {
            throw new KagiException(KagiException.Kind.FORBIDDEN, "error.forbidden");
        }
        Optional<Account> account = accounts.find(who.userId());
        if (account.isEmpty() || !account.get().isActive() || !account.get().customer().isActive()) {
            audit.recordRefusal(new Actor(who.userId(), who.address()), action, "account", who.userId(),
                    account.isEmpty() ? "unknown" : !account.get().isActive() ? "account disabled" : "customer deactivated");
            throw new KagiException(KagiException.Kind.FORBIDDEN, "error.retrievalAccountInactive");
        }
    }

    /** The Request ID as typed must be exactly the 16 characters of the mail; say precisely what is off. */
    static String checkedRequestId(String input) {
        if (input == null || input.isEmpty()) {
            throw KagiException.invalid("error.required", "requestId");
        }
        if (input.length() > 64) {
            throw KagiException.invalid("error.requestIdFormat");
        }
        if (!input.equals(input.strip())) {
            throw KagiException.invalid("error.requestIdBlanks");
        }
        if (!input.equals(input.toUpperCase(java.util.Locale.ROOT))) {
            throw KagiException.invalid("error.requestIdCase");
        }
        if (input.length() != RandomCodes.REQUEST_ID_LENGTH
                || !input.chars().allMatch(c -> RandomCodes.REQUEST_ID_ALPHABET.indexOf(c) >= 0)) {
            throw KagiException.invalid("error.requestIdFormat");
        }
        return input;
    }

    private Optional<RetrievalRequest> ownRequest(String userId, String requestId, boolean lock) {
        var query = em.createQuery("select r from RetrievalRequest r where r.requestId = :id"
                        + " and r.certificate.account.userId = :user", RetrievalRequest.class)
                .setParameter("id", requestId).setParameter("user", userId);
        if (lock) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.getResultStream().findFirst();
    }

    /** Refuses a locked request, saying which rule locked it and when, as the customer's policy set it. */
    private void refuseIfLocked(RetrievalRequest request) {
        if (request.isLockedAt(clock.instant())) {
            LockReason reason = request.lockReason() != null ? request.lockReason() : request.dueReason();
            String when = LOCK_TIME.withZone(mailSettings.zone()).format(request.locksAt());
            String contact = mailSettings.common("en").get("caTeamEmail");
            throw KagiException.invalid(reason.messageKey(), contact, when);
        }
    }

    private void refuse(Requester who, String action, String requestId) {
        throttle.failed(who.userId(), who.address());
        audit.recordRefusal(new Actor(who.userId(), who.address()), action, "request", requestId,
                "agent " + who.userAgent());
    }

    private PrivateKey privateKey(RetrievalRequest request) {
        try {
            byte[] pkcs8 = request.openPrivateKey(ca.sealer());
            String algorithm = request.certificate().keyType().algorithm();
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } finally {
                java.util.Arrays.fill(pkcs8, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored key of request " + request.requestId() + " cannot be read", e);
        }
    }

    private static X509Certificate x509(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored certificate cannot be read", e);
        }
    }
}
