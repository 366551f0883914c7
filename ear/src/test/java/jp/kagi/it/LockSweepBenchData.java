package jp.kagi.it;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * Test-only EJB for {@link LockSweepBenchmarkIT}: {@code rows} retrieval requests that are due (issued 31 days ago
 * under a 30-day rule), each with its certificate and its key_vault row, by set-based SQL as {@link CrlBenchData}
 * does, 100,000 rows per commit, outside JTA. Request n is {@code LB} + 14 digits, its data key {@code lb} + 30
 * digits, so that {@link #restore} can undo a plain SQL lock (which leaves key_vault alone) row for row.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LockSweepBenchData {

    // The benchmark's rows are told apart by these prefixes: random serials and request IDs never start so.

    static final int CHUNK = 100_000;
    /** The plain state change the SQL baseline makes: no key destroyed, nothing audited. */
    static final String SQL_LOCK = "UPDATE retrieval_request SET status = 'LOCKED', locked_at = CURRENT_TIMESTAMP,"
            + " lock_reason = 'issuance', sealed_private_key = NULL, data_key_id = NULL, version = version + 1"
            + " WHERE status <> 'LOCKED' AND locks_at <= CURRENT_TIMESTAMP";
    private static final long CN_BASE = 4_000_000_000L;
    private static final byte[] DER = {0x30, 0x06, 0x02, 0x01, 0x01, 0x05, 0x01, 0x00};
    /** Placeholders of the sizes Kagi stores (an AES-GCM sealed EC key, a wrapped 32-byte data key). */
    private static final byte[] SEALED = new byte[180];
    private static final byte[] WRAPPED = new byte[60];

    @Resource(lookup = "java:jboss/datasources/KagiDS")
    DataSource ds;

    public String product() {
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean postgres() {
        return product().toLowerCase().contains("postgres");
    }

    public void fill(int rows, Instant now) {
        String t = "TIMESTAMP WITH TIME ZONE '" + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx")
                .format(now.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)) + "'";
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            boolean pg = postgres();
            update(c, "INSERT INTO customer (name, contact_email, active, lock_after_issuance, lock_after_retrieval,"
                    + " key_type, legacy_pkcs12, first_validity_months, renewal_validity_months, created_at, version)"
                    + " VALUES ('lockbench', 'ca@bench.example', TRUE, 'P30D', 'P7D', 'EC_P256', FALSE, 12, 12, " + t + ", 0)");
            update(c, "INSERT INTO account (user_id, customer_id, email, email_key, display_name, language,"
                    + " password_hash, status, created_at, version) SELECT 'lockbench1', k.id, 'lock@bench.example',"
                    + " 'lock@bench.example', 'Lock Bench', 'ja', 'unusable', 'ACTIVE', " + t + ", 0 FROM customer k"
                    + " WHERE k.name = 'lockbench'");
            String series = pg ? "(SELECT CAST(g AS BIGINT) AS n FROM generate_series(?, ?) AS g) s"
                    : "(SELECT X AS n FROM SYSTEM_RANGE(?, ?)) s";
            String issued = pg ? "(" + t + " - INTERVAL '31 days')" : "DATEADD(DAY, -31, " + t + ")";
            String due = pg ? "(" + t + " - INTERVAL '1 day')" : "DATEADD(DAY, -1, " + t + ")";
            String notAfter = pg ? "(" + t + " + INTERVAL '365 days')" : "DATEADD(DAY, 365, " + t + ")";
            try (PreparedStatement keys = c.prepareStatement("INSERT INTO key_vault (id, kek_version, wrapped_key,"
                    + " created_at) SELECT 'lb' || LPAD(CAST(s.n AS VARCHAR(20)), 30, '0'), 1, ?, " + issued
                    + " FROM " + series);
                 PreparedStatement certs = c.prepareStatement("INSERT INTO client_certificate (issuer_id, cn_number,"
                    + " common_name, subject_dn, serial_hex, account_id, customer_id, key_type, not_before, not_after,"
                    + " der, status, issued_at, issued_by)"
                    + " SELECT 1, " + CN_BASE + " + s.n, 'lockb' || CAST(s.n AS VARCHAR(10)), 'CN=lockb,C=JP',"
                    + " '7C' || LPAD(CAST(s.n AS VARCHAR(20)), 30, '0'), a.id, a.customer_id, 'EC_P256', " + issued
                    + ", " + notAfter + ", ?, 'ISSUED', " + issued + ", 'lock-benchmark'"
                    + " FROM " + series + " JOIN account a ON a.user_id = 'lockbench1'");
                 PreparedStatement requests = c.prepareStatement("INSERT INTO retrieval_request (request_id,"
                    + " certificate_id, status, issued_at, lock_after_issuance, lock_after_retrieval,"
                    + " sealed_private_key, version, locks_at, data_key_id)"
                    + " SELECT 'LB' || LPAD(CAST(c.cn_number - " + CN_BASE + " AS VARCHAR(20)), 14, '0'), c.id,"
                    + " 'PENDING', c.issued_at, 'P30D', 'P7D', ?, 0, " + due + ","
                    + " 'lb' || LPAD(CAST(c.cn_number - " + CN_BASE + " AS VARCHAR(20)), 30, '0')"
                    + " FROM client_certificate c WHERE c.issuer_id = 1 AND c.cn_number BETWEEN ? AND ?")) {
                for (int lo = 1; lo <= rows; lo += CHUNK) {
                    int hi = Math.min(rows, lo + CHUNK - 1);
                    keys.setBytes(1, WRAPPED);
                    keys.setLong(2, lo);
                    keys.setLong(3, hi);
                    keys.executeUpdate();
                    certs.setBytes(1, DER);
                    certs.setLong(2, lo);
                    certs.setLong(3, hi);
                    certs.executeUpdate();
                    requests.setBytes(1, SEALED);
                    requests.setLong(2, CN_BASE + lo);
                    requests.setLong(3, CN_BASE + hi);
                    requests.executeUpdate();
                    System.out.println("lock bench: " + hi + " due requests");
                }
            }
            analyze(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SQL baseline on H2 (no psql there), timed by the caller. */
    public int sqlLock() {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            return s.executeUpdate(SQL_LOCK);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Undoes a lock of the benchmark's rows: {@link #SQL_LOCK} left their key_vault rows, a sweep deleted them and they
     * are made again (the audit records it wrote stay: the log is append-only). Then analyzes.
     */
    public int restore() {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            int n = 0;
            String keyId = "'lb' || LPAD(SUBSTRING(r.request_id, 3), 30, '0')";
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO key_vault (id, kek_version, wrapped_key,"
                    + " created_at) SELECT " + keyId + ", 1, ?, r.issued_at FROM retrieval_request r"
                    + " WHERE r.request_id LIKE 'LB0000000%' AND r.status = 'LOCKED'"
                    + " AND NOT EXISTS (SELECT 1 FROM key_vault k WHERE k.id = " + keyId + ")")) {
                ps.setBytes(1, WRAPPED);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE retrieval_request SET status = 'PENDING',"
                    + " locked_at = NULL, lock_reason = NULL, sealed_private_key = ?, data_key_id = 'lb' ||"
                    + " LPAD(SUBSTRING(request_id, 3), 30, '0') WHERE request_id LIKE 'LB0000000%' AND status = 'LOCKED'")) {
                ps.setBytes(1, SEALED);
                n = ps.executeUpdate();
            }
            analyze(c);
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Due requests not locked yet, of any customer (the sweep's own condition). */
    public long due() {
        return count("SELECT COUNT(*) FROM retrieval_request WHERE status <> 'LOCKED' AND locks_at <= CURRENT_TIMESTAMP");
    }

    public long benchRequests(String status) {
        return count("SELECT COUNT(*) FROM retrieval_request WHERE request_id LIKE 'LB0000000%' AND status = '" + status + "'");
    }

    public long benchKeys() {
        return count("SELECT COUNT(*) FROM key_vault WHERE id LIKE 'lb%'");
    }

    public long benchKeysStillReferenced() {
        return count("SELECT COUNT(*) FROM retrieval_request WHERE request_id LIKE 'LB0000000%' AND data_key_id IS NOT NULL");
    }

    /** retrieval.lock audit records of the benchmark's certificates: all of them, and distinct certificates. */
    public long[] lockAudits() {
        String where = " FROM audit_record WHERE action = 'retrieval.lock' AND object_type = 'certificate'"
                + " AND object_id LIKE '7C0000000000%'";
        return new long[] {count("SELECT COUNT(*)" + where), count("SELECT COUNT(DISTINCT object_id)" + where)};
    }

    public long auditRecords() {
        return count("SELECT COUNT(*) FROM audit_record");
    }

    private long count(String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void analyze(Connection c) throws SQLException {
        if (postgres()) {
            update(c, "VACUUM ANALYZE retrieval_request");
            update(c, "VACUUM ANALYZE key_vault");
            update(c, "VACUUM ANALYZE client_certificate");
        } else {
            update(c, "ANALYZE");
        }
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
