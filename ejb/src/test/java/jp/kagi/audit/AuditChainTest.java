package jp.kagi.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The audit chain's canonical encoding and links. The expected hashes were computed outside Java (Python hashlib over
 * the encoding as docs/security.md defines it), so a change of the encoding breaks this test and every stored chain.
 */
class AuditChainTest {

    private static final Instant T1 = Instant.parse("2026-04-01T00:00:00.123456Z");

    private static byte[] first() {
        return AuditChain.encode(1, T1, "admin", "10.0.0.1", "certificate.issue", "certificate", "0A1", null);
    }

    @Test
    void encodingIsTagThenLengthPrefixedFieldsAndNullIsMinusOne() {
        byte[] encoding = AuditChain.encode(7, Instant.parse("2026-04-01T00:00:00Z"), "a", null, "", "t", "i", "d");
        String hex = HexFormat.of().formatHex(encoding);
        assertEquals("0000000d" + HexFormat.of().formatHex("kagi-audit-v1".getBytes())
                + "00000001" + "37"
                + "00000014" + HexFormat.of().formatHex("2026-04-01T00:00:00Z".getBytes())
                + "00000001" + "61" + "ffffffff" + "00000000" + "00000001" + "74" + "00000001" + "69"
                + "00000001" + "64", hex);
    }

    @Test
    void linksMatchTheDocumentedVectors() {
        String h1 = AuditChain.link(AuditChain.GENESIS, first());
        assertEquals("66c85cd5e13544ea5d13e9beeb52ed7537f9a12676aabf8f75e405bd08c58d13", h1);
        String h2 = AuditChain.link(h1, AuditChain.encode(2, Instant.parse("2026-04-01T00:00:01Z"), "管理者", null,
                "audit.export", "audit", "csv", "詳細"));
        assertEquals("dc5c4aff146cb3fdef824f24bc00717d6969204b8646332ed5baf9bfe35fde2a", h2);
    }

    @Test
    void everyFieldAndThePreviousHashCount() {
        String h = AuditChain.link(AuditChain.GENESIS, first());
        byte[][] changed = {
            AuditChain.encode(2, T1, "admin", "10.0.0.1", "certificate.issue", "certificate", "0A1", null),
            AuditChain.encode(1, T1.plusNanos(1000), "admin", "10.0.0.1", "certificate.issue", "certificate", "0A1", null),
            AuditChain.encode(1, T1, "admin2", "10.0.0.1", "certificate.issue", "certificate", "0A1", null),
            AuditChain.encode(1, T1, "admin", "10.0.0.2", "certificate.issue", "certificate", "0A1", null),
            AuditChain.encode(1, T1, "admin", "10.0.0.1", "certificate.revoke", "certificate", "0A1", null),
            AuditChain.encode(1, T1, "admin", "10.0.0.1", "certificate.issue", "account", "0A1", null),
            AuditChain.encode(1, T1, "admin", "10.0.0.1", "certificate.issue", "certificate", "0A2", null),
            AuditChain.encode(1, T1, "admin", "10.0.0.1", "certificate.issue", "certificate", "0A1", ""),
        };
        for (byte[] encoding : changed) {
            assertNotEquals(h, AuditChain.link(AuditChain.GENESIS, encoding));
        }
        assertNotEquals(h, AuditChain.link(h, first()));
    }

    @Test
    void fieldBoundariesCannotShift() {
        assertNotEquals(AuditChain.link(AuditChain.GENESIS, AuditChain.encode(1, T1, "ab", "c", "x", "t", "i", null)),
                AuditChain.link(AuditChain.GENESIS, AuditChain.encode(1, T1, "a", "bc", "x", "t", "i", null)));
    }

    @Test
    void nanosecondsTheDatabaseDropsDoNotChangeTheHash() {
        assertArrayEquals(first(), AuditChain.encode(1, T1.plusNanos(999), "admin", "10.0.0.1", "certificate.issue",
                "certificate", "0A1", null));
    }

    @Test
    void checkpointEncodingCoversPositionHashAndTime() {
        byte[] a = AuditChain.checkpoint(5, AuditChain.GENESIS, T1);
        assertNotEquals(HexFormat.of().formatHex(a), HexFormat.of().formatHex(AuditChain.checkpoint(6, AuditChain.GENESIS, T1)));
        assertNotEquals(HexFormat.of().formatHex(a),
                HexFormat.of().formatHex(AuditChain.checkpoint(5, AuditChain.GENESIS, T1.plusSeconds(1))));
    }

    @Test
    void appendingARecordSetsItsPlaceAndHash() {
        var record = new AuditRecord(T1, "admin", "certificate.issue", "certificate", "0A1", null, "10.0.0.1");
        assertEquals("66c85cd5e13544ea5d13e9beeb52ed7537f9a12676aabf8f75e405bd08c58d13",
                record.chain(1, AuditChain.GENESIS));
        assertEquals(1L, record.seq());
        assertEquals(record.chainHash(), record.recomputedHash(AuditChain.GENESIS));
    }
}
