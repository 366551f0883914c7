package jp.kagi.ocsp;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.ca.SerialNumbers;
import jp.kagi.certificate.CertificateStatus;
import jp.kagi.revocation.RevocationReason;

/**
 * The one read behind every OCSP answer: status, revocation time and reason of the asked serials of the issuing CA,
 * by the unique key (issuer_id, serial_hex), read at the moment of the request. A serial not found is unknown.
 *
 * <p>One plain JDBC prepared statement (columns of V1/V3), not a JPA query in a session bean: this runs once per
 * OCSP request, and the entity manager, the query translation and the bean's interceptors cost more than the
 * indexed read itself. Outside any transaction (the caller is NOT_SUPPORTED): autocommit, read committed, so a
 * committed revocation is seen by the next request.
 */
final class SerialStatuses {

    private static final String REVOKED = CertificateStatus.REVOKED.name();
    private static final Map<String, Integer> REASONS = new HashMap<>();

    static {
        for (RevocationReason r : RevocationReason.values()) {
            REASONS.put(r.name(), r.code());
        }
    }

    private final DataSource ds;

    SerialStatuses(DataSource ds) {
        this.ds = ds;
    }

    Map<BigInteger, SerialStatus> of(List<BigInteger> serials) {
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
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(sql(byHex.size()))) {
            s.setLong(1, CertificateAuthority.ISSUING_CA_ID);
            int i = 2;
            for (String hex : byHex.keySet()) {
                s.setString(i++, hex);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    statuses.put(byHex.get(rs.getString(1)), status(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the status of " + byHex.size() + " serials", e);
        }
        return statuses;
    }

    /** One placeholder per serial; a single serial (every RFC 5019 request) is an equality on the unique key. */
    static String sql(int serials) {
        String select = "SELECT serial_hex, status, revoked_at, revocation_reason FROM client_certificate"
                + " WHERE issuer_id = ? AND serial_hex ";
        return serials == 1 ? select + "= ?" : select + "IN (?" + ", ?".repeat(serials - 1) + ")";
    }

    private static SerialStatus status(ResultSet rs) throws SQLException {
        if (!REVOKED.equals(rs.getString(2))) {
            return SerialStatus.GOOD;
        }
        Timestamp at = rs.getTimestamp(3);
        if (at == null) {
            // A REVOKED row always has its time (RevocationService writes both); never answer good for it.
            throw new SQLException("revoked certificate " + rs.getString(1) + " without revoked_at");
        }
        return SerialStatus.revoked(at.toInstant(), reasonCode(rs.getString(4)));
    }

    static int reasonCode(String reason) {
        return reason == null ? RevocationReason.unspecified.code()
                : REASONS.getOrDefault(reason.strip(), RevocationReason.unspecified.code());
    }
}
