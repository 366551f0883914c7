package jp.kagi.issuance;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.ca.ClientProfile;
import jp.kagi.ca.CommonName;
import jp.kagi.ca.Issuer;
import jp.kagi.ca.KeyType;
import jp.kagi.customer.CustomerPolicy;
import jp.kagi.platform.Actor;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.RandomCodes;
import jp.kagi.retrieval.RetrievalRequest;

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

    private final SecureRandom random = new SecureRandom();

    /** Checks that the account may receive a certificate and tells which key type its customer wants. */
    public KeyType keyTypeFor(String userId) {
        return issuable(userId).customer().policy().keyType();
    }

    public IssuedCertificate issue(Actor actor, String userId, KeyType keyType, KeyPair keys) {
        Account account = issuable(userId);
        CustomerPolicy policy = account.customer().policy();
        if (policy.keyType() != keyType) {
            throw KagiException.conflict("error.policyChanged", account.customer().name());
        }
        boolean renewal = em.createNamedQuery("ClientCertificate.countForAccount", Long.class)
                .setParameter("account", account).getSingleResult() > 0;

        Issuer issuer = ca.lockIssuer();
        CommonName cn = issuer.allocateCommonName();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = now.atOffset(ZoneOffset.UTC)
                .plusMonths(renewal ? policy.renewalValidityMonths() : policy.firstValidityMonths()).toInstant();
        ClientProfile profile = ca.profile(account.customer().name(), cn, now, notAfter, keyType);
        X509Certificate cert = ca.signClient(profile, keys.getPublic(), ca.nextSerial());

        ClientCertificate certificate = new ClientCertificate(issuer, cn, profile.subjectText(), cert, account, keyType,
                now, actor.name());
        em.persist(certificate);
        RetrievalRequest request = new RetrievalRequest(RandomCodes.requestId(random), certificate, now,
                policy.lockAfterIssuance(), policy.lockAfterRetrieval(),
                ca.sealer().seal(RetrievalRequest.keyPurpose(), keys.getPrivate().getEncoded()));
        em.persist(request);
        mails.enqueue(account, certificate, request, renewal);
        em.flush();
        issued.fire(new CertificateIssued(actor, cn.value(), certificate.serial(), account.customer().name(),
                account.userId(), request.requestId()));
        return new IssuedCertificate(cn.value(), profile.subjectText(), certificate.serial(), request.requestId(),
                notAfter);
    }

    private Account issuable(String userId) {
        Account account = accounts.require(userId);
        if (!account.isActive()) {
            throw KagiException.invalid("error.accountInactive", account.userId());
        }
        return account;
    }
}
