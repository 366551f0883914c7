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
import java.util.function.LongConsumer;
import javax.sql.DataSource;

/**
 * Test-only EJB: fills the database with a million certificates (with their retrieval requests) and a million audit
 * records by set-based SQL, {@code INSERT ... SELECT} over a generated series, so that the list benchmark's data
 * takes seconds to minutes rather than the hours issuance would need. Commits every {@link #CHUNK} rows, outside JTA,
 * to keep the transaction (and H2's undo log) small and clear of the transaction timeout.
 *
 * <p>Shape of the data, so that each filter matches a known share: 20 customers (benchc01..20), 1,000 accounts
 * spread over them, certificates kb0000001..kb1000000 round-robin over the accounts; every 50th revoked; notAfter
 * spread from 100 days ago to 899 days ahead (10% expired, 3% within 30 days); retrieval requests 70% RETRIEVED,
 * 20% PENDING, 10% LOCKED, with lock deadlines far ahead so that the lock sweep leaves them alone. Audit records one
 * a second over the last ~11.6 days, by 12 actors, 5 actions and 250 source addresses.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ListPagingData {

    static final int CUSTOMERS = 20;
    static final int ACCOUNTS = 1_000;
    static final int CHUNK = 100_000;
    /** Far above real numbering (issuer.next_cn_number), so the bench rows never meet issuance's unique CNs. */
    private static final long CN_BASE = 1_000_000_000L;
    /** A short DER-looking body: the lists never parse it, and a real 800-byte one would only slow the fill. */
    private static final byte[] DER = {0x30, 0x06, 0x02, 0x01, 0x01, 0x05, 0x01, 0x00};

    @Resource(lookup = "java:jboss/datasources/KagiDS")
    DataSource ds;

    /** "PostgreSQL" or "H2", as the JDBC driver names the product. */
    public String product() {
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when an earlier run against the same database already filled it (then the fill is skipped). */
    public boolean filled() {
        return count("SELECT COUNT(*) FROM customer WHERE name = 'benchc01'") > 0;
    }

    public long count(String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Inserts {@code certificates} certificates with requests and {@code audits} audit records; reports progress. */
    public void fill(int certificates, int audits, Instant now, LongConsumer progress) {
        String t = "TIMESTAMP WITH TIME ZONE '" + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx")
                .format(now.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)) + "'";
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            boolean pg = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            Sql sql = new Sql(pg, t);
            update(c, "INSERT INTO customer (name, contact_email, active, lock_after_issuance, lock_after_retrieval,"
                    + " key_type, legacy_pkcs12, first_validity_months, renewal_validity_months, created_at, version)"
                    + " SELECT 'benchc' || " + sql.pad("s.n", 2) + ", 'ca@bench.example', TRUE, 'P30D', 'P7D',"
                    + " 'EC_P256', FALSE, 12, 12, " + t + ", 0 FROM " + sql.series(1, CUSTOMERS));
            update(c, "INSERT INTO account (user_id, customer_id, email, email_key, display_name, language,"
                    + " password_hash, status, created_at, version)"
                    + " SELECT 'benchu' || " + sql.pad("s.n", 5) + ", k.id, 'benchu' || " + sql.pad("s.n", 5)
                    + " || '@bench.example', 'benchu' || " + sql.pad("s.n", 5) + " || '@bench.example',"
                    + " 'Bench User ' || CAST(s.n AS VARCHAR(10)), 'ja', 'unusable', 'ACTIVE', " + t + ", 0"
                    + " FROM " + sql.series(1, ACCOUNTS) + " JOIN customer k ON k.name = 'benchc' || "
                    + sql.pad("MOD(s.n - 1, " + CUSTOMERS + ") + 1", 2));
            for (int lo = 1; lo <= certificates; lo += CHUNK) {
                int hi = Math.min(certificates, lo + CHUNK - 1);
                certificates(c, sql, lo, hi);
                progress.accept(hi);
            }
            for (int lo = 1; lo <= audits; lo += CHUNK) {
                int hi = Math.min(audits, lo + CHUNK - 1);
                update(c, "INSERT INTO audit_record (occurred_at, actor, action, object_type, object_id, detail,"
                        + " source_address) SELECT " + sql.plusSeconds("s.n - " + audits) + ","
                        + " CASE MOD(s.n, 6) WHEN 0 THEN 'admin' WHEN 1 THEN 'system' ELSE 'operator'"
                        + " || " + sql.pad("MOD(s.n, 10)", 2) + " END,"
                        + " CASE MOD(s.n, 5) WHEN 0 THEN 'certificate.issue' WHEN 1 THEN 'certificate.download'"
                        + " WHEN 2 THEN 'account.create' WHEN 3 THEN 'admin.login' ELSE 'retrieval.lock' END,"
                        + " 'certificate', 'BE' || " + sql.pad("MOD(s.n, " + certificates + ") + 1", 14) + ","
                        + " 'bench row', '10.0.' || CAST(MOD(s.n, 250) AS VARCHAR(3)) || '.7'"
                        + " FROM " + sql.series(lo, hi));
                progress.accept(certificates + (long) hi);
            }
            // What autovacuum / a maintenance job would have done on a real database of this size by now.
            update(c, pg ? "VACUUM ANALYZE customer, account, client_certificate, retrieval_request, audit_record"
                    : "ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void certificates(Connection c, Sql sql, int lo, int hi) throws SQLException {
        String days = "MOD(s.n, 1000) - 100"; // notAfter: 100 days ago .. 899 days ahead
        String revoked = "MOD(s.n, 50) = 0";
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO client_certificate (issuer_id, cn_number,"
                + " common_name, subject_dn, serial_hex, account_id, customer_id, key_type, not_before, not_after, der,"
                + " status, issued_at, issued_by, revoked_at, revocation_reason)"
                + " SELECT 1, " + CN_BASE + " + s.n, 'kb' || " + sql.pad("s.n", 7) + ", 'CN=kb' || "
                + sql.pad("s.n", 7) + " || ',O=Kagi Bench,C=JP', 'BE' || " + sql.pad("s.n", 14) + ", a.id,"
                + " a.customer_id, 'EC_P256', " + sql.plusDays(days + " - 365") + ", " + sql.plusDays(days) + ", ?,"
                + " CASE WHEN " + revoked + " THEN 'REVOKED' ELSE 'ISSUED' END, " + sql.plusDays(days + " - 365")
                + ", 'benchmark', CASE WHEN " + revoked + " THEN " + sql.plusDays(days + " - 300") + " END,"
                + " CASE WHEN " + revoked + " THEN 'keyCompromise' END"
                + " FROM " + sql.series(lo, hi) + " JOIN account a ON a.user_id = 'benchu' || "
                + sql.pad("MOD(s.n - 1, " + ACCOUNTS + ") + 1", 5))) {
            ps.setBytes(1, DER);
            ps.executeUpdate();
        }
        String kind = "MOD(c.cn_number, 10)";
        update(c, "INSERT INTO retrieval_request (request_id, certificate_id, status, issued_at, first_retrieved_at,"
                + " locked_at, lock_reason, lock_after_issuance, lock_after_retrieval, version, locks_at)"
                + " SELECT 'BR' || " + sql.pad("c.cn_number - " + CN_BASE, 12) + ", c.id,"
                + " CASE WHEN " + kind + " = 9 THEN 'LOCKED' WHEN " + kind + " >= 7 THEN 'PENDING' ELSE 'RETRIEVED' END,"
                + " c.issued_at, CASE WHEN " + kind + " < 7 THEN c.issued_at END,"
                + " CASE WHEN " + kind + " = 9 THEN c.issued_at END, CASE WHEN " + kind + " = 9 THEN 'issuance' END,"
                + " 'P30D', 'P7D', 0, CASE WHEN " + kind + " <> 9 THEN " + sql.plusDays("3650") + " END"
                + " FROM client_certificate c WHERE c.issuer_id = 1 AND c.cn_number BETWEEN " + (CN_BASE + lo)
                + " AND " + (CN_BASE + hi));
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The few spots where H2 and PostgreSQL SQL differ: the number series and timestamp arithmetic (CampaignBenchData too). */
    record Sql(boolean pg, String now) {

        String series(long from, long to) {
            return pg ? "(SELECT CAST(g AS BIGINT) AS n FROM generate_series(" + from + ", " + to + ") AS g) s"
                    : "(SELECT X AS n FROM SYSTEM_RANGE(" + from + ", " + to + ")) s";
        }

        String pad(String number, int width) {
            return "LPAD(CAST(" + number + " AS VARCHAR(20)), " + width + ", '0')";
        }

        String plusDays(String days) {
            return pg ? "(" + now + " + (" + days + ") * INTERVAL '1 day')" : "DATEADD(DAY, " + days + ", " + now + ")";
        }

        String plusSeconds(String seconds) {
            return pg ? "(" + now + " + (" + seconds + ") * INTERVAL '1 second')"
                    : "DATEADD(SECOND, " + seconds + ", " + now + ")";
        }
    }
}
