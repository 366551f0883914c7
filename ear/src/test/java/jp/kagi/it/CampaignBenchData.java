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
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Test-only EJB for {@link CampaignBenchmarkIT}: fills customers and accounts holding a current certificate by
 * set-based SQL ({@code INSERT ... SELECT} over a generated series, as {@link ListPagingData} does), and, on
 * PostgreSQL, turns a written campaign's rows into an issued campaign with mixed states without generating keys.
 * Commits statement by statement, outside JTA.
 *
 * <p>The old certificates are what the campaign reads of them and nothing more: id, status ISSUED, notAfter 30 days
 * ahead, CN and serial, with a short placeholder DER. Nothing on the campaign path parses an old certificate's DER
 * (only retrieval parses the DER, of the certificate being retrieved).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CampaignBenchData {

    /** A short DER-looking body, as in ListPagingData. */
    private static final byte[] DER = {0x30, 0x06, 0x02, 0x01, 0x01, 0x05, 0x01, 0x00};
    /** CN numbers of the old certificates: far above real numbering and above ListPagingData's (1e9 + n). */
    static final long OLD_CN_BASE = 2_000_000_000L;
    /** CN numbers of the new certificates written by {@link #issueSetBased}: OLD + the campaign row id. */
    static final long NEW_CN_BASE = 3_000_000_000L;

    @Resource(lookup = "java:jboss/datasources/KagiDS")
    DataSource ds;

    public boolean postgres() {
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String product() {
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Customers {@code prefix}01.. ({@code customers} of them, RSA-2048 policy) with {@code accounts} active accounts
     * spread round-robin over them, user IDs {@code prefix}u000001.., each holding one current certificate with CN
     * number {@code cnOffset} + n above {@link #OLD_CN_BASE}. Returns the customer names.
     */
    public List<String> fill(String prefix, int customers, int accounts, long cnOffset, Instant now) {
        String t = timestamp(now);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            ListPagingData.Sql sql = new ListPagingData.Sql(postgres(c), t);
            update(c, "INSERT INTO customer (name, contact_email, active, lock_after_issuance, lock_after_retrieval,"
                    + " key_type, legacy_pkcs12, first_validity_months, renewal_validity_months, created_at, version)"
                    + " SELECT '" + prefix + "' || " + sql.pad("s.n", 2) + ", 'ca@bench.example', TRUE, 'P90D', 'P7D',"
                    + " 'RSA_2048', FALSE, 13, 37, " + t + ", 0 FROM " + sql.series(1, customers));
            String user = "'" + prefix + "u' || " + sql.pad("s.n", 6);
            update(c, "INSERT INTO account (user_id, customer_id, email, email_key, display_name, language,"
                    + " password_hash, status, created_at, version)"
                    + " SELECT " + user + ", k.id, " + user + " || '@bench.example', " + user + " || '@bench.example',"
                    + " 'Bench User ' || CAST(s.n AS VARCHAR(10)), CASE WHEN MOD(s.n, 4) = 0 THEN 'en' ELSE 'ja' END,"
                    + " 'unusable', 'ACTIVE', " + t + ", 0 FROM " + sql.series(1, accounts)
                    + " JOIN customer k ON k.name = '" + prefix + "' || " + sql.pad("MOD(s.n - 1, " + customers + ") + 1", 2));
            long base = OLD_CN_BASE + cnOffset;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO client_certificate (issuer_id, cn_number,"
                    + " common_name, subject_dn, serial_hex, account_id, customer_id, key_type, not_before, not_after,"
                    + " der, status, issued_at, issued_by)"
                    + " SELECT 1, " + base + " + s.n, 'dsca' || CAST(" + base + " + s.n AS VARCHAR(20)),"
                    + " 'CN=dsca' || CAST(" + base + " + s.n AS VARCHAR(20)) || ',OU=Bench,C=JP',"
                    + " 'BF' || " + sql.pad(base + " + s.n", 14) + ", a.id, a.customer_id, 'RSA_2048', "
                    + sql.plusDays("-335") + ", " + sql.plusDays("30") + ", ?, 'ISSUED', " + sql.plusDays("-335")
                    + ", 'benchmark' FROM " + sql.series(1, accounts) + " JOIN account a ON a.user_id = " + user)) {
                ps.setBytes(1, DER);
                ps.executeUpdate();
            }
            update(c, sql.pg() ? "VACUUM ANALYZE customer, account, client_certificate" : "ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= customers; i++) {
            names.add(prefix + String.format("%02d", i));
        }
        return names;
    }

    /**
     * PostgreSQL only: what issuing would have left behind for a written campaign, set-based. Of the rows, by
     * {@code MOD(row id, 20)}: 0..10 issued and retrieved, 11..16 issued and pending, 17..18 issued and locked (lock
     * reason "completion"), 19 not issued (still WAITING). Each issued row gets a new certificate (placeholder DER),
     * its retrieval request, and its renewal mail in the outbox: SENT, or FAILED for every 25th row (attempts used up,
     * so the outbox never retries them). The campaign is then marked RUNNING (no timers are armed for it).
     */
    public void issueSetBased(long campaignId, Instant now) {
        String t = timestamp(now);
        String k = "MOD(a.id, 20)";
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            if (!postgres(c)) {
                throw new IllegalStateException("issueSetBased is written for PostgreSQL");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO client_certificate (issuer_id, cn_number,"
                    + " common_name, subject_dn, serial_hex, account_id, customer_id, key_type, not_before, not_after,"
                    + " der, status, issued_at, issued_by)"
                    + " SELECT 1, " + NEW_CN_BASE + " + a.id, 'dsca' || (" + NEW_CN_BASE + " + a.id),"
                    + " 'CN=dsca' || (" + NEW_CN_BASE + " + a.id) || ',OU=Bench,C=JP',"
                    + " 'BN' || LPAD(CAST(" + NEW_CN_BASE + " + a.id AS VARCHAR(20)), 14, '0'), a.account_id,"
                    + " a.customer_id, 'RSA_2048', " + t + ", " + t + " + INTERVAL '37 months', ?, 'ISSUED', " + t
                    + ", 'benchmark' FROM campaign_account a WHERE a.campaign_id = " + campaignId + " AND " + k + " <> 19")) {
                ps.setBytes(1, DER);
                ps.executeUpdate();
            }
            update(c, "INSERT INTO retrieval_request (request_id, certificate_id, status, issued_at, first_retrieved_at,"
                    + " locked_at, lock_reason, lock_after_issuance, lock_after_retrieval, version, locks_at, lock_deadline)"
                    + " SELECT 'BQ' || LPAD(CAST(a.id AS VARCHAR(20)), 14, '0'), nc.id,"
                    + " CASE WHEN " + k + " <= 10 THEN 'RETRIEVED' WHEN " + k + " <= 16 THEN 'PENDING' ELSE 'LOCKED' END, "
                    + t + ", CASE WHEN " + k + " <= 10 THEN " + t + " - (MOD(a.id, 14) * INTERVAL '1 day') END,"
                    + " CASE WHEN " + k + " >= 17 THEN " + t + " END, CASE WHEN " + k + " >= 17 THEN 'completion' END,"
                    + " 'P90D', 'P7D', 0, CASE WHEN " + k + " <= 16 THEN " + t + " + INTERVAL '3650 days' END,"
                    + " " + t + " + INTERVAL '60 days'"
                    + " FROM campaign_account a JOIN client_certificate nc ON nc.issuer_id = 1"
                    + " AND nc.cn_number = " + NEW_CN_BASE + " + a.id WHERE a.campaign_id = " + campaignId);
            update(c, "INSERT INTO outbox_mail (kind, recipient, language, subject, sealed_body, carries_secret,"
                    + " certificate_serial, status, attempts, next_attempt_at, created_at, sent_at, last_error, message_id,"
                    + " version)"
                    + " SELECT 'RENEWAL_REQUEST', acc.email, acc.language, 'bench renewal', NULL, TRUE, nc.serial_hex,"
                    + " CASE WHEN MOD(a.id, 25) = 3 THEN 'FAILED' ELSE 'SENT' END,"
                    + " CASE WHEN MOD(a.id, 25) = 3 THEN 10 ELSE 1 END, " + t + ", " + t + ","
                    + " CASE WHEN MOD(a.id, 25) = 3 THEN NULL ELSE " + t + " END,"
                    + " CASE WHEN MOD(a.id, 25) = 3 THEN 'bench: 550 refused' END, 'bench-campaign-row-' || a.id, 0"
                    + " FROM campaign_account a JOIN client_certificate nc ON nc.issuer_id = 1"
                    + " AND nc.cn_number = " + NEW_CN_BASE + " + a.id JOIN account acc ON acc.id = a.account_id"
                    + " WHERE a.campaign_id = " + campaignId);
            update(c, "UPDATE campaign_account a SET status = 'RENEWED', new_certificate_id = nc.id,"
                    + " renewal_mail_id = m.id, updated_at = " + t + ", version = a.version + 1"
                    + " FROM client_certificate nc, outbox_mail m WHERE a.campaign_id = " + campaignId
                    + " AND nc.issuer_id = 1 AND nc.cn_number = " + NEW_CN_BASE + " + a.id"
                    + " AND m.message_id = 'bench-campaign-row-' || a.id");
            update(c, "UPDATE renewal_campaign SET status = 'RUNNING', launched_at = " + t + ", issued_at = " + t
                    + ", version = version + 1 WHERE id = " + campaignId);
            update(c, "VACUUM ANALYZE campaign_account, client_certificate, retrieval_request, outbox_mail");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The campaign's status, read without JPA (no cached entity). */
    public String status(long campaignId) {
        return string("SELECT status FROM renewal_campaign WHERE id = " + campaignId);
    }

    /** Rows of the campaign no longer PENDING (issued, skipped or failed). */
    public long worked(long campaignId) {
        return Long.parseLong(string("SELECT COUNT(*) FROM campaign_account WHERE campaign_id = " + campaignId
                + " AND status <> 'PENDING'"));
    }

    public long count(String sql) {
        return Long.parseLong(string(sql));
    }

    public long customerId(String name) {
        return count("SELECT id FROM customer WHERE name = '" + name.replace("'", "''") + "'");
    }

    /** EXPLAIN (ANALYZE) lines of {@code sql} on PostgreSQL, for the report when a figure misses its goal. */
    public List<String> explain(String sql) {
        List<String> lines = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return lines;
    }

    private String string(String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static boolean postgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
    }

    private static String timestamp(Instant now) {
        return "TIMESTAMP WITH TIME ZONE '" + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx")
                .format(now.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)) + "'";
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
