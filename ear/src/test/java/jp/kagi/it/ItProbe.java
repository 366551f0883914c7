package jp.kagi.it;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Test-only EJB added to the deployment: reads what the application's API deliberately does not expose. */
@Stateless
public class ItProbe {

    @PersistenceContext
    EntityManager em;

    public byte[] sealedKey(String requestId) {
        return em.createQuery("select r.sealedPrivateKey from RetrievalRequest r where r.requestId = :id", byte[].class)
                .setParameter("id", requestId).getSingleResult();
    }

    public String requestStatus(String requestId) {
        return em.createQuery("select r.status from RetrievalRequest r where r.requestId = :id", Object.class)
                .setParameter("id", requestId).getSingleResult().toString();
    }

    public long countMails() {
        return em.createQuery("select count(m) from OutboxMail m", Long.class).getSingleResult();
    }
}
