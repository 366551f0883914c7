package jp.kagi.issuance;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.SecureRandom;
import jp.kagi.ca.KeyType;
import jp.kagi.platform.Actor;

/**
 * Issues a client certificate for an account. The key pair is generated before the transaction starts, so the
 * CN sequence's row lock is held only for signing and storing, not for the slow part (RSA key generation).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IssuanceService {

    @Inject
    private IssuanceTransaction transaction;

    private final SecureRandom random = new SecureRandom();

    public IssuedCertificate issue(Actor actor, String userId) {
        KeyType keyType = transaction.keyTypeFor(userId);
        KeyPair keys = keyType.generate(random);
        return transaction.issue(actor, userId, keyType, keys);
    }

    /** Replaces the certificate {@code serial} with a new one (new key, new Request ID, mails again). */
    public IssuedCertificate reissue(Actor actor, String serial) {
        KeyType keyType = transaction.keyTypeForReissue(serial);
        KeyPair keys = keyType.generate(random);
        return transaction.reissue(actor, serial, keyType, keys);
    }
}
