package jp.kagi.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The keyset read of the revoked certificates: every row once, across page boundaries that fall inside a run of
 * equal revocation times, and only the rows a CRL lists (revoked, unexpired, the issuing CA's, revoked since).
 */
class CrlStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private JdbcDataSource ds;
    private Connection keepAlive;

    @BeforeEach
    void schema() throws SQLException {
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:crlstore" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        keepAlive = ds.getConnection();
        try (Statement s = keepAlive.createStatement()) {
            // The columns of V1/V3 that the read uses, and V13's index.
            s.execute("CREATE TABLE client_certificate (id BIGINT PRIMARY KEY, issuer_id BIGINT NOT NULL,"
                    + " serial_hex VARCHAR(64) NOT NULL, not_after TIMESTAMP WITH TIME ZONE NOT NULL,"
                    + " status VARCHAR(16) NOT NULL, revoked_at TIMESTAMP WITH TIME ZONE,"
                    + " revocation_reason VARCHAR(32))");
            s.execute("CREATE INDEX ix_certificate_revoked ON client_certificate (status, revoked_at, id, issuer_id,"
                    + " not_after, serial_hex, revocation_reason)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        keepAlive.close();
    }

    @Test
    void everyRevokedRowOnceAcrossPagesOfEqualTimes() throws SQLException {
        Instant same = NOW.minusSeconds(3600);
        // More rows with one revocation time than a page holds, so that pages start and end inside the run; ids
        // inserted out of order so that id order is not insertion order.
        int run = CrlStore.PAGE * 2 + 17;
        for (int i = run; i >= 1; i--) {
            insert(1000 + i, 1, "REVOKED", same, NOW.plusSeconds(86_400), "keyCompromise");
        }
        for (int i = 1; i <= 300; i++) {
            insert(100 + i, 1, "REVOKED", NOW.minusSeconds(i), NOW.plusSeconds(86_400), i % 2 == 0 ? null : "superseded");
        }
        insert(50, 1, "ISSUED", null, NOW.plusSeconds(86_400), null);
        insert(51, 1, "REVOKED", NOW.minusSeconds(5), NOW.minusSeconds(1), "keyCompromise"); // expired
        insert(52, 2, "REVOKED", NOW.minusSeconds(5), NOW.plusSeconds(86_400), "keyCompromise"); // other issuer

        Map<String, Integer> seen = new HashMap<>();
        Map<String, Integer> reasons = new HashMap<>();
        long rows = new CrlStore(ds).streamRevoked(NOW, null, (serial, at, reason) -> {
            seen.merge(serial, 1, Integer::sum);
            reasons.put(serial, reason);
        });

        assertEquals(run + 300, rows);
        assertEquals(run + 300, seen.size());
        assertTrue(seen.values().stream().allMatch(n -> n == 1), "a serial listed twice");
        assertEquals(1, reasons.get(serial(1001)));
        assertEquals(0, reasons.get(serial(102)), "no reason is unspecified");
        assertEquals(4, reasons.get(serial(101)));
    }

    @Test
    void deltaListsRevocationsAtOrAfterItsStart() throws SQLException {
        for (int i = 1; i <= 10; i++) {
            insert(i, 1, "REVOKED", NOW.minusSeconds(i), NOW.plusSeconds(86_400), "keyCompromise");
        }
        Map<String, Instant> seen = new HashMap<>();
        long rows = new CrlStore(ds).streamRevoked(NOW, NOW.minusSeconds(4), (serial, at, reason) -> seen.put(serial, at));
        assertEquals(4, rows);
        assertEquals(NOW.minusSeconds(4), seen.get(serial(4)));
    }

    private void insert(long rowId, long issuer, String status, Instant revokedAt, Instant notAfter, String reason)
            throws SQLException {
        try (PreparedStatement s = keepAlive.prepareStatement("INSERT INTO client_certificate (id, issuer_id,"
                + " serial_hex, not_after, status, revoked_at, revocation_reason) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, rowId);
            s.setLong(2, issuer);
            s.setString(3, serial(rowId) + (issuer == 1 ? "" : "FF"));
            s.setObject(4, notAfter.atOffset(ZoneOffset.UTC));
            s.setString(5, status);
            s.setObject(6, revokedAt == null ? null : revokedAt.atOffset(ZoneOffset.UTC));
            s.setString(7, reason);
            s.executeUpdate();
        }
    }

    private static String serial(long n) {
        return String.format("7B%030d", n);
    }
}
