package jp.kagi.issuance;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.SecureRandom;
import jp.kagi.account.AccountService;
import jp.kagi.account.AccountView;
import jp.kagi.ca.KeyType;
import jp.kagi.platform.Access;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.KagiException;

/**
 * Issues a client certificate for an account. The key pair is generated before the transaction starts, so the
 * CN sequence's row lock is held only for signing and storing, not for the slow part (RSA key generation).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IssuanceService {

    @Inject
    private IssuanceTransaction transaction;

    @Inject
    private AccountService accounts;

    @Inject
    private CertificateQuery certificates;

    private final SecureRandom random = new SecureRandom();

    /** Issues for the account; checked before the key is generated, so a refused caller costs no key pair. */
    public IssuedCertificate issue(Actor actor, CustomerScope who, String userId) {
        Access.write(who);
        AccountView account = accounts.view(who, userId)
                .orElseThrow(() -> KagiException.notFound("error.accountUnknown", userId));
        Access.change(who, account.customer(), "error.accountUnknown", userId);
        KeyType keyType = transaction.keyTypeFor(userId);
        KeyPair keys = keyType.generate(random);
        return transaction.issue(actor, userId, keyType, keys);
    }

    /** Replaces the certificate {@code serial} with a new one (new key, new Request ID, mails again). */
    public IssuedCertificate reissue(Actor actor, CustomerScope who, String serial) {
        Access.write(who);
        CertificateView old = certificates.bySerial(who, serial)
                .orElseThrow(() -> KagiException.notFound("error.certificateUnknown", serial));
        Access.change(who, old.customer(), "error.certificateUnknown", serial);
        KeyType keyType = transaction.keyTypeForReissue(serial);
        KeyPair keys = keyType.generate(random);
        return transaction.reissue(actor, serial, keyType, keys);
    }
}
