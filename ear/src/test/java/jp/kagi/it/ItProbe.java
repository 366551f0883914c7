package jp.kagi.it;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import jp.kagi.account.PasswordHasher;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.mail.MailKind;

/** Test-only EJB added to the deployment: reads what the application's API deliberately does not expose. */
@Stateless
public class ItProbe {

    @PersistenceContext
    EntityManager em;

    @Inject
    CertificateAuthority ca;

    public byte[] sealedKey(String requestId) {
        return em.createQuery("select r.sealedPrivateKey from RetrievalRequest r where r.requestId = :id", byte[].class)
                .setParameter("id", requestId).getSingleResult();
    }

    /** The private key (PKCS#8) held for retrieval, opened as the retrieval service does (its data key, the KEK). */
    public byte[] openPrivateKey(String requestId) {
        return em.createQuery("select r from RetrievalRequest r where r.requestId = :id",
                        jp.kagi.retrieval.RetrievalRequest.class).setParameter("id", requestId).getSingleResult()
                .openPrivateKey(ca.sealer());
    }

    public String requestStatus(String requestId) {
        return em.createQuery("select r.status from RetrievalRequest r where r.requestId = :id", Object.class)
                .setParameter("id", requestId).getSingleResult().toString();
    }

    public long countMails() {
        return em.createQuery("select count(m) from OutboxMail m", Long.class).getSingleResult();
    }

    /** The newest mail of {@code kind} to {@code recipient}, unsealed as the sender would (still in the outbox). */
    public String mailBody(String recipient, MailKind kind) {
        byte[] sealed = em.createQuery("select m.sealedBody from OutboxMail m where m.recipient = :to and m.kind = :kind"
                + " order by m.id desc", byte[].class).setParameter("to", recipient).setParameter("kind", kind)
                .setMaxResults(1).getSingleResult();
        if (sealed == null) {
            throw new IllegalStateException("the mail to " + recipient + " was sent and its body erased");
        }
        return new String(ca.sealer().unseal("mail-body", sealed), StandardCharsets.UTF_8);
    }

    /** Stores the account's password as Kagi did before the keyed hash: PBKDF2-HMAC-SHA256, 600,000 rounds. */
    public void storeOldFormPasswordHash(String userId, String password) {
        String old = new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS, new SecureRandom()).hash(password);
        int updated = em.createQuery("update Account a set a.passwordHash = :hash where a.userId = :id")
                .setParameter("hash", old).setParameter("id", userId).executeUpdate();
        if (updated != 1) {
            throw new IllegalStateException("no account " + userId);
        }
    }

    public String passwordHash(String userId) {
        return em.createQuery("select a.passwordHash from Account a where a.userId = :id", String.class)
                .setParameter("id", userId).getSingleResult();
    }
}
