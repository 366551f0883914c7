package jp.kagi.it;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * Test-only EJB for {@link CrlBenchmarkIT}: a million revoked certificates of the issuing CA by set-based SQL (as
 * {@link ListPagingData} does), 100,000 rows per commit, outside JTA; and their removal afterwards, so that the other
 * benchmarks on the same server do not re-sign a 50 MB CRL. Serials {@code 7B} + 30 decimal digits (16 bytes),
 * revoked one a second back from now, reasons keyCompromise / affiliationChanged / superseded in turn.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CrlBenchData {

    static final int CHUNK = 100_000;
    private static final long CN_BASE = 3_000_000_000L;
    private static final byte[] DER = {0x30, 0x06, 0x02, 0x01, 0x01, 0x05, 0x01, 0x00};

    @Resource(lookup = "java:jboss/datasources/KagiDS")
    DataSource ds;

    public String product() {
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long revokedCount() {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM client_certificate WHERE status = 'REVOKED'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void fill(int rows, Instant now) {
        String t = "TIMESTAMP WITH TIME ZONE '" + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx")
                .format(now.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)) + "'";
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            boolean pg = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            update(c, "INSERT INTO customer (name, contact_email, active, lock_after_issuance, lock_after_retrieval,"
                    + " key_type, legacy_pkcs12, first_validity_months, renewal_validity_months, created_at, version)"
                    + " VALUES ('crlbench', 'ca@bench.example', TRUE, 'P30D', 'P7D', 'EC_P256', FALSE, 12, 12, " + t + ", 0)");
            update(c, "INSERT INTO account (user_id, customer_id, email, email_key, display_name, language,"
                    + " password_hash, status, created_at, version) SELECT 'crlbench1', k.id, 'crl@bench.example',"
                    + " 'crl@bench.example', 'CRL Bench', 'ja', 'unusable', 'ACTIVE', " + t + ", 0 FROM customer k"
                    + " WHERE k.name = 'crlbench'");
            String series = pg ? "(SELECT CAST(g AS BIGINT) AS n FROM generate_series(?, ?) AS g) s"
                    : "(SELECT X AS n FROM SYSTEM_RANGE(?, ?)) s";
            String revokedAt = pg ? "(" + t + " - s.n * INTERVAL '1 second')" : "DATEADD(SECOND, -s.n, " + t + ")";
            String notBefore = pg ? "(" + t + " - INTERVAL '400 days')" : "DATEADD(DAY, -400, " + t + ")";
            String notAfter = pg ? "(" + t + " + INTERVAL '800 days')" : "DATEADD(DAY, 800, " + t + ")";
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO client_certificate (issuer_id, cn_number,"
                    + " common_name, subject_dn, serial_hex, account_id, customer_id, key_type, not_before, not_after,"
                    + " der, status, issued_at, issued_by, revoked_at, revocation_reason)"
                    + " SELECT 1, " + CN_BASE + " + s.n, 'crlb' || CAST(s.n AS VARCHAR(10)), 'CN=crlb,C=JP',"
                    + " '7B' || LPAD(CAST(s.n AS VARCHAR(20)), 30, '0'), a.id, a.customer_id, 'EC_P256', " + notBefore
                    + ", " + notAfter + ", ?, 'REVOKED', " + notBefore + ", 'crl-benchmark', " + revokedAt + ","
                    + " CASE MOD(s.n, 3) WHEN 0 THEN 'keyCompromise' WHEN 1 THEN 'affiliationChanged'"
                    + " ELSE 'superseded' END FROM " + series + " JOIN account a ON a.user_id = 'crlbench1'")) {
                for (int lo = 1; lo <= rows; lo += CHUNK) {
                    ps.setBytes(1, DER);
                    ps.setLong(2, lo);
                    ps.setLong(3, Math.min(rows, lo + CHUNK - 1));
                    ps.executeUpdate();
                    System.out.println("crl bench: " + Math.min(rows, lo + CHUNK - 1) + " revoked rows");
                }
            }
            update(c, pg ? "ANALYZE client_certificate" : "ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes what {@link #fill} made, 100,000 rows per statement. */
    public void remove() {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            for (long lo = 0; lo < 10_000_000; lo += CHUNK) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM client_certificate WHERE issuer_id = 1 AND issued_by ="
                        + " 'crl-benchmark' AND cn_number BETWEEN ? AND ?")) {
                    ps.setLong(1, CN_BASE + lo);
                    ps.setLong(2, CN_BASE + lo + CHUNK - 1);
                    if (ps.executeUpdate() == 0 && lo > 0) {
                        break;
                    }
                }
            }
            update(c, "DELETE FROM account WHERE user_id = 'crlbench1'");
            update(c, "DELETE FROM customer WHERE name = 'crlbench'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
