package jp.kagi.it;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.ca.KeySealer;
import jp.kagi.retrieval.RetrievalRequest;

/**
 * Test-only EJB for 12/sealing: reads the key vault with plain SQL as someone holding a copy of the database would,
 * and tries to open a sealed private key with everything such a copy and the KEK give.
 */
@Stateless
public class SealingProbe {

    @PersistenceContext
    EntityManager em;

    @Inject
    CertificateAuthority ca;

    /** One row of key_vault as a backup holds it. */
    public record VaultRow(String id, int kekVersion, byte[] wrappedKey) {
    }

    /** What a copy of the relevant tables holds: every key_vault row, and each request's sealed key (or null). */
    public record Backup(List<VaultRow> vault, java.util.Map<String, byte[]> sealedKeys) {
    }

    public Backup backup() {
        List<VaultRow> vault = new ArrayList<>();
        for (Object row : em.createNativeQuery("select id, kek_version, wrapped_key from key_vault").getResultList()) {
            Object[] r = (Object[]) row;
            vault.add(new VaultRow((String) r[0], ((Number) r[1]).intValue(), (byte[]) r[2]));
        }
        java.util.Map<String, byte[]> sealed = new java.util.HashMap<>();
        for (Object row : em.createNativeQuery("select request_id, sealed_private_key from retrieval_request")
                .getResultList()) {
            Object[] r = (Object[]) row;
            if (r[1] != null) {
                sealed.put((String) r[0], (byte[]) r[1]);
            }
        }
        return new Backup(vault, sealed);
    }

    public String dataKeyId(String requestId) {
        return (String) em.createNativeQuery("select data_key_id from retrieval_request where request_id = ?1")
                .setParameter(1, requestId).getSingleResult();
    }

    public boolean vaultRowExists(String id) {
        return ((Number) em.createNativeQuery("select count(*) from key_vault where id = ?1").setParameter(1, id)
                .getSingleResult()).longValue() == 1;
    }

    public int vaultRowKekVersion(String id) {
        return ((Number) em.createNativeQuery("select kek_version from key_vault where id = ?1").setParameter(1, id)
                .getSingleResult()).intValue();
    }

    /**
     * Tries every way to open {@code sealed} with the KEK (every version the CA holds) and the vault rows given: the
     * KEK alone, and each row's unwrapped data key. True if anything opens it.
     */
    public boolean anythingOpens(byte[] sealed, List<VaultRow> vault) {
        KeySealer kek = ca.sealer();
        if (opens(kek, sealed)) {
            return true;
        }
        for (VaultRow row : vault) {
            try {
                byte[] dek = kek.unseal("data-key " + row.id(), row.wrappedKey());
                if (opens(new KeySealer(new javax.crypto.spec.SecretKeySpec(dek, "AES"), new java.security.SecureRandom()),
                        sealed)) {
                    return true;
                }
            } catch (IllegalStateException e) {
                // not openable with this KEK: try the next row
            }
        }
        return false;
    }

    private static boolean opens(KeySealer sealer, byte[] sealed) {
        try {
            sealer.unseal("private-key", sealed);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * Puts a request back into the form Kagi wrote before 12/sealing: the private key sealed under the KEK itself and
     * no data key (the vault row is dropped by orphan removal).
     */
    public void makeLegacy(String requestId) {
        RetrievalRequest request = em.createQuery("select r from RetrievalRequest r where r.requestId = :id",
                RetrievalRequest.class).setParameter("id", requestId).getSingleResult();
        byte[] plain = request.openPrivateKey(ca.sealer());
        String dataKey = request.dataKey().id();
        em.flush();
        em.createNativeQuery("update retrieval_request set sealed_private_key = ?1, data_key_id = null"
                        + " where request_id = ?2").setParameter(1, ca.sealer().seal("private-key", plain))
                .setParameter(2, requestId).executeUpdate();
        em.createNativeQuery("delete from key_vault where id = ?1").setParameter(1, dataKey).executeUpdate();
    }
}
