package jp.kagi.revocation;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The CRLs' database side, in plain JDBC so that nothing is loaded as an entity: the CRL number (a row lock), the
 * revoked certificates as a projection read in keyset pages (bounded memory on H2 and PostgreSQL alike), and the
 * signed CRLs themselves in 256 KiB parts, stored in batches. Every writing method is its own transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class CrlStore {

    static final long ISSUER = 1L;
    static final int PART = 256 * 1024;
    /** Rows per keyset page of the revoked certificates (about 1 MB of H2 result). */
    static final int PAGE = 5_000;
    /** CRL parts per JDBC batch when storing (4 MiB held at most). */
    static final int PARTS_PER_BATCH = 16;
    /** Signed CRLs kept per kind, newest first; older ones (and their parts) are deleted after each signing. */
    static final int KEEP = 3;
    private static final Map<String, Integer> REASONS = new HashMap<>();

    static {
        for (RevocationReason r : RevocationReason.values()) {
            REASONS.put(r.name(), r.code());
        }
    }

    @Resource(lookup = "java:jboss/datasources/KagiDS")
    private DataSource ds;

    public CrlStore() {
    }

    /** For unit tests, outside the container. */
    CrlStore(DataSource ds) {
        this.ds = ds;
    }

    /** A row of the projection the CRL is built from. */
    @FunctionalInterface
    public interface RevokedSink {
        void accept(String serialHex, Instant revokedAt, int reasonCode);
    }

    /** Takes the next CRL number under the counter row's lock and commits it: never handed out twice. */
    public long takeNumber(long nowMillis) {
        try (Connection c = ds.getConnection()) {
            long stored;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT next_number FROM crl_state WHERE issuer_id = ? FOR UPDATE")) {
                s.setLong(1, ISSUER);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("crl_state has no row for the issuing CA");
                    }
                    stored = rs.getLong(1);
                }
            }
            long number = CrlSchedule.numberFrom(stored, nowMillis);
            try (PreparedStatement s = c.prepareStatement("UPDATE crl_state SET next_number = ? WHERE issuer_id = ?")) {
                s.setLong(1, number + 1);
                s.setLong(2, ISSUER);
                s.executeUpdate();
            }
            return number;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take a CRL number", e);
        }
    }

    /**
     * Streams (serial, revokedAt, reason) of every revoked certificate of the issuing CA that is still unexpired at
     * {@code unexpiredAt} and, when {@code revokedSince} is given, revoked at or after it. Returns the row count.
     *
     * <p>Read in keyset pages of {@link #PAGE} rows along {@code ix_certificate_revoked (status, revoked_at)}, then
     * id (the primary key breaks ties in revoked_at): each page is a short query that starts where the last one
     * ended, so neither H2 (which materialises a whole result in the server heap) nor a PostgreSQL cursor holds more
     * than one page, whatever the count. A revocation committed during the read has the newest revoked_at, so it
     * lands in a later page or in none, never twice; the delta signed after it lists it anyway. No transaction: the
     * pages are independent reads, and a million rows on a slow machine must not meet the transaction timeout.
     * {@code revoked_at} is read as a {@link Timestamp} (cheaper than an OffsetDateTime on H2, measured ~13%).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long streamRevoked(Instant unexpiredAt, Instant revokedSince, RevokedSink sink) {
        String sql = "SELECT id, serial_hex, revoked_at, revocation_reason FROM client_certificate"
                + " WHERE status = 'REVOKED' AND revoked_at >= ? AND (revoked_at > ? OR id > ?)"
                + " AND issuer_id = ? AND not_after > ?"
                + " ORDER BY status, revoked_at, id FETCH FIRST " + PAGE + " ROWS ONLY";
        long rows = 0;
        Timestamp after = Timestamp.from(revokedSince == null ? Instant.EPOCH : revokedSince);
        long afterId = Long.MIN_VALUE; // first page: every id, so revoked_at == the start is included
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(PAGE);
            s.setLong(4, ISSUER);
            s.setTimestamp(5, Timestamp.from(unexpiredAt));
            int page;
            do {
                s.setTimestamp(1, after);
                s.setTimestamp(2, after);
                s.setLong(3, afterId);
                page = 0;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        afterId = rs.getLong(1);
                        after = rs.getTimestamp(3);
                        String reason = rs.getString(4);
                        sink.accept(rs.getString(2), after.toInstant(),
                                reason == null ? 0 : REASONS.getOrDefault(reason, 0));
                        page++;
                    }
                }
                rows += page;
            } while (page == PAGE);
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the revoked certificates", e);
        }
    }

    /** Stores a signed CRL (row and DER parts) and deletes all but the newest {@link #KEEP} of its kind. */
    public void save(CrlInfo info, Path der) {
        try (Connection c = ds.getConnection()) {
            long id;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO crl (issuer_id, kind, crl_number, base_number,"
                    + " this_update, next_update, entries, size_bytes, build_millis, signed_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
                s.setLong(1, ISSUER);
                s.setString(2, info.kind().name());
                s.setLong(3, info.number());
                s.setObject(4, info.baseNumber());
                s.setObject(5, info.thisUpdate().atOffset(java.time.ZoneOffset.UTC));
                s.setObject(6, info.nextUpdate().atOffset(java.time.ZoneOffset.UTC));
                s.setLong(7, info.entries());
                s.setLong(8, info.sizeBytes());
                s.setLong(9, info.buildMillis());
                s.setObject(10, info.signedAt().atOffset(java.time.ZoneOffset.UTC));
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (InputStream in = Files.newInputStream(der);
                 PreparedStatement s = c.prepareStatement("INSERT INTO crl_part (crl_id, part, data) VALUES (?, ?, ?)")) {
                // Batches of PARTS_PER_BATCH parts: one round trip each, and at most 4 MiB of parts on the heap
                // (setBytes may keep the array until the batch runs, so every part gets its own).
                int part = 0;
                byte[] data;
                while ((data = in.readNBytes(PART)).length > 0) {
                    s.setLong(1, id);
                    s.setInt(2, part++);
                    s.setBytes(3, data);
                    s.addBatch();
                    if (part % PARTS_PER_BATCH == 0) {
                        s.executeBatch();
                    }
                }
                if (part % PARTS_PER_BATCH != 0) {
                    s.executeBatch();
                }
            }
            prune(c, info.kind());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store CRL " + info.number(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest CRL of this kind, if one was ever signed. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<CrlInfo> latest(CrlKind kind) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT crl_number, base_number, this_update, next_update, entries,"
                     + " size_bytes, build_millis, signed_at FROM crl WHERE issuer_id = ? AND kind = ?"
                     + " ORDER BY crl_number DESC")) {
            s.setMaxRows(1);
            s.setLong(1, ISSUER);
            s.setString(2, kind.name());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long base = rs.getLong(2);
                Long baseNumber = rs.wasNull() ? null : base;
                return Optional.of(new CrlInfo(kind, rs.getLong(1), baseNumber, instant(rs, 3), instant(rs, 4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), instant(rs, 8)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the CRL list", e);
        }
    }

    /** Writes the stored DER of CRL {@code number} to {@code out}; false if it is no longer stored. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean copyDer(long number, OutputStream out) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT p.data FROM crl_part p JOIN crl k ON k.id = p.crl_id"
                     + " WHERE k.issuer_id = ? AND k.crl_number = ? ORDER BY p.part")) {
            s.setFetchSize(4);
            s.setLong(1, ISSUER);
            s.setLong(2, number);
            boolean any = false;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.write(rs.getBytes(1));
                    any = true;
                }
            }
            return any;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read CRL " + number, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void prune(Connection c, CrlKind kind) throws SQLException {
        long keepFrom;
        try (PreparedStatement s = c.prepareStatement("SELECT crl_number FROM crl WHERE issuer_id = ? AND kind = ?"
                + " ORDER BY crl_number DESC")) {
            s.setMaxRows(KEEP);
            s.setLong(1, ISSUER);
            s.setString(2, kind.name());
            keepFrom = Long.MAX_VALUE;
            try (ResultSet rs = s.executeQuery()) {
                int n = 0;
                while (rs.next()) {
                    keepFrom = rs.getLong(1);
                    n++;
                }
                if (n < KEEP) {
                    return;
                }
            }
        }
        String old = "SELECT id FROM crl WHERE issuer_id = ? AND kind = ? AND crl_number < ?";
        try (PreparedStatement parts = c.prepareStatement("DELETE FROM crl_part WHERE crl_id IN (" + old + ")");
             PreparedStatement rows = c.prepareStatement("DELETE FROM crl WHERE issuer_id = ? AND kind = ?"
                     + " AND crl_number < ?")) {
            for (PreparedStatement s : new PreparedStatement[] {parts, rows}) {
                s.setLong(1, ISSUER);
                s.setString(2, kind.name());
                s.setLong(3, keepFrom);
                s.executeUpdate();
            }
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
