package jp.kagi.ocsp;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.ca.SerialNumbers;
import jp.kagi.issuance.CertificateStatus;
import jp.kagi.revocation.RevocationReason;

/**
 * The one query behind every OCSP answer: status, revocation time and reason of the asked serials of the issuing CA,
 * by the unique key (issuer_id, serial_hex), read at the moment of the request. A serial not found is unknown.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class SerialStatuses {

    @PersistenceContext
    private EntityManager em;

    public Map<BigInteger, SerialStatus> of(List<BigInteger> serials) {
        Map<String, BigInteger> byHex = new HashMap<>();
        for (BigInteger serial : serials) {
            if (serial.signum() > 0) {
                byHex.put(SerialNumbers.hex(serial), serial);
            }
        }
        Map<BigInteger, SerialStatus> statuses = new HashMap<>();
        serials.forEach(s -> statuses.put(s, SerialStatus.UNKNOWN));
        if (byHex.isEmpty()) {
            return statuses;
        }
        List<Object[]> rows = em.createQuery("select c.serialHex, c.status, c.revokedAt, c.revocationReason"
                        + " from ClientCertificate c where c.issuer.id = :issuer and c.serialHex in :serials", Object[].class)
                .setParameter("issuer", CertificateAuthority.ISSUING_CA_ID)
                .setParameter("serials", byHex.keySet()).getResultList();
        for (Object[] row : rows) {
            BigInteger serial = byHex.get((String) row[0]);
            statuses.put(serial, row[1] == CertificateStatus.REVOKED
                    ? SerialStatus.revoked((Instant) row[2], reasonCode((String) row[3]))
                    : SerialStatus.GOOD);
        }
        return statuses;
    }

    private static int reasonCode(String reason) {
        try {
            return RevocationReason.parse(reason).code();
        } catch (RuntimeException e) {
            return RevocationReason.unspecified.code();
        }
    }
}
