package jp.kagi.issuance;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import jp.kagi.account.Account;
import jp.kagi.account.AccountService;
import jp.kagi.audit.AuditLog;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.ca.ClientProfile;
import jp.kagi.ca.CommonName;
import jp.kagi.ca.Issuer;
import jp.kagi.ca.KeyType;
import jp.kagi.certificate.ClientCertificate;
import jp.kagi.customer.CustomerPolicy;
import jp.kagi.metrics.KagiMeters;
import jp.kagi.platform.Actor;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.RandomCodes;
import jp.kagi.retrieval.RetrievalRequest;
import jp.kagi.vault.DataKey;

/** The transactional half of issuance: everything after key generation, committed together or not at all. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class IssuanceTransaction {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private AccountService accounts;

    @Inject
    private CertificateAuthority ca;

    @Inject
    private IssuanceMails mails;

    @Inject
    private Event<CertificateIssued> issued;

    @Inject
    private Clock clock;

    @Inject
    private AuditLog audit;

    private final SecureRandom random = new SecureRandom();

    /** Checks that the account may receive a certificate and tells which key type its customer wants. */
    public KeyType keyTypeFor(String userId) {
        return issuable(userId).customer().policy().keyType();
    }

    public IssuedCertificate issue(Actor actor, String userId, KeyType keyType, KeyPair keys) {
        Account account = issuable(userId);
        boolean renewal = em.createNamedQuery("ClientCertificate.countForAccount", Long.class)
                .setParameter("account", account).getSingleResult() > 0;
        return issueFor(actor, account, keyType, keys, renewal, false, null).issued();
    }

    /**
     * A renewal campaign's certificate for {@code userId}: validity and completion date from the campaign, the
     * renewal pair of mails with its wording. The old certificates stay as they are (they overlap until they expire).
     */
    public RenewalIssued issueRenewal(Actor actor, String userId, KeyType keyType, KeyPair keys, RenewalTerms terms) {
        return issueFor(actor, issuable(userId), keyType, keys, true, false, terms);
    }

    /** The key type of the certificate a reissue replaces: the same as its customer's current policy. */
    public KeyType keyTypeForReissue(String serial) {
        return replaced(serial).account().customer().policy().keyType();
    }

    /**
     * Reissue (seed: after the lock only the CA team helps): a new key, certificate and Request ID for the same
     * account, mailed again; the old request is locked for good (its key destroyed) if it was not already.
     */
    public IssuedCertificate reissue(Actor actor, String serial, KeyType keyType, KeyPair keys) {
        ClientCertificate old = replaced(serial);
        RetrievalRequest oldRequest = em.createNamedQuery("RetrievalRequest.byCertificate", RetrievalRequest.class)
                .setParameter("certificate", old).setLockMode(LockModeType.PESSIMISTIC_WRITE).getSingleResult();
        oldRequest.supersede(clock.instant());
        audit.record(actor, "certificate.reissue", "certificate", old.serial(),
                old.commonName() + " request " + oldRequest.requestId() + " locked; key destroyed");
        Account account = issuable(old.account().userId());
        boolean wasFirst = em.createQuery("select count(c) from ClientCertificate c where c.account = :account"
                        + " and c.id < :id", Long.class).setParameter("account", account).setParameter("id", old.id())
                .getSingleResult() == 0;
        return issueFor(actor, account, keyType, keys, !wasFirst, true, null).issued();
    }

    private RenewalIssued issueFor(Actor actor, Account account, KeyType keyType, KeyPair keys, boolean renewal,
                                   boolean reissue, RenewalTerms terms) {
        CustomerPolicy policy = account.customer().policy();
        if (policy.keyType() != keyType) {
            throw KagiException.conflict("error.policyChanged", account.customer().name());
        }
        Issuer issuer = ca.lockIssuer();
        CommonName cn = issuer.allocateCommonName();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        int months = terms != null && terms.validityMonths() > 0 ? terms.validityMonths()
                : renewal ? policy.renewalValidityMonths() : policy.firstValidityMonths();
        Instant notAfter = now.atOffset(ZoneOffset.UTC).plusMonths(months).toInstant();
        ClientProfile profile = ca.profile(account.customer().name(), cn, now, notAfter, keyType);
        X509Certificate cert = ca.signClient(profile, keys.getPublic(), ca.nextSerial());

        ClientCertificate certificate = new ClientCertificate(issuer, cn, profile.subjectText(), cert, account, keyType,
                now, actor.name());
        em.persist(certificate);
        RetrievalRequest request = new RetrievalRequest(RandomCodes.requestId(random), certificate, now,
                policy.lockAfterIssuance(), policy.lockAfterRetrieval(),
                DataKey.seal(RetrievalRequest.keyPurpose(), keys.getPrivate().getEncoded(), ca.sealer(), now, random),
                terms == null ? null : terms.completion());
        em.persist(request);
        long mailId = mails.enqueue(account, certificate, request, renewal && !reissue, terms);
        em.flush();
        KagiMeters.certificateIssued();
        issued.fire(new CertificateIssued(actor, cn.value(), certificate.serial(), account.customer().name(),
                account.userId(), request.requestId()));
        return new RenewalIssued(new IssuedCertificate(cn.value(), profile.subjectText(), certificate.serial(),
                request.requestId(), profile.notAfter()), certificate.id(), mailId);
    }

    private ClientCertificate replaced(String serial) {
        if (serial == null || serial.isBlank()) {
            throw KagiException.invalid("error.required", "serial");
        }
        return em.createQuery("select c from ClientCertificate c where c.serialHex = :serial", ClientCertificate.class)
                .setParameter("serial", serial.strip().toUpperCase(java.util.Locale.ROOT)).getResultStream().findFirst()
                .orElseThrow(() -> KagiException.notFound("error.certificateUnknown", serial.strip()));
    }

    private Account issuable(String userId) {
        Account account = accounts.require(userId);
        if (!account.isActive()) {
            throw KagiException.invalid("error.accountInactive", account.userId());
        }
        return account;
    }
}
