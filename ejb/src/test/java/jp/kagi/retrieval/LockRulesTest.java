package jp.kagi.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SPEC.md's lock rules on a retrieval request, with time given explicitly (no clock is moved anywhere). */
class LockRulesTest {

    private static final Instant ISSUED = Instant.parse("2026-04-01T00:00:00Z");
    private static final byte[] KEY = {1, 2, 3};

    private static RetrievalRequest request() {
        return new RetrievalRequest("ABCDEFGHJKMNPQRS", null, ISSUED, Duration.ofDays(30), Duration.ofDays(3), KEY);
    }

    @Test
    void anUntouchedRequestLocksThirtyDaysAfterIssuance() {
        RetrievalRequest r = request();
        assertEquals(ISSUED.plus(Duration.ofDays(30)), r.locksAt());
        assertFalse(r.isLockedAt(ISSUED.plus(Duration.ofDays(30)).minusSeconds(1)));
        assertTrue(r.isLockedAt(ISSUED.plus(Duration.ofDays(30))), "now >= issued + 30 days");
        assertEquals(LockReason.ISSUANCE, r.dueReason());
    }

    @Test
    void theFirstRetrievalStartsTheThreeDayClock() {
        RetrievalRequest r = request();
        Instant first = ISSUED.plus(Duration.ofDays(5));
        r.retrieved(first);
        r.retrieved(first.plus(Duration.ofDays(1))); // a later download does not move the clock
        assertEquals(RequestStatus.RETRIEVED, r.status());
        assertEquals(first, r.firstRetrievedAt());
        assertEquals(first.plus(Duration.ofDays(3)), r.locksAt());
        assertFalse(r.isLockedAt(first.plus(Duration.ofDays(3)).minusMillis(1)));
        assertTrue(r.isLockedAt(first.plus(Duration.ofDays(3))));
        assertEquals(LockReason.RETRIEVAL, r.dueReason());
    }

    @Test
    void theEarlierRuleWinsWhenRetrievalHappensLate() {
        RetrievalRequest r = request();
        r.retrieved(ISSUED.plus(Duration.ofDays(29)));
        assertEquals(ISSUED.plus(Duration.ofDays(30)), r.locksAt(), "30 days after issuance comes first");
        assertEquals(LockReason.ISSUANCE, r.dueReason());
    }

    @Test
    void lockingIsFinalAndDestroysTheKey() {
        RetrievalRequest r = request();
        assertArrayEquals(KEY, r.sealedPrivateKey());
        Instant at = ISSUED.plus(Duration.ofDays(31));
        r.lock(at, LockReason.ISSUANCE);
        assertEquals(RequestStatus.LOCKED, r.status());
        assertNull(r.sealedPrivateKey(), "the private key is gone");
        assertEquals(at, r.lockedAt());
        assertTrue(r.isLockedAt(ISSUED), "locked is locked, whatever the time");
        r.lock(at.plusSeconds(60), LockReason.RETRIEVAL);
        assertEquals(at, r.lockedAt(), "locking twice changes nothing");
        assertEquals(LockReason.ISSUANCE, r.lockReason());
    }

    @Test
    void aReissueSupersedesEvenALockedRequest() {
        RetrievalRequest r = request();
        r.lock(ISSUED.plus(Duration.ofDays(30)), LockReason.ISSUANCE);
        r.supersede(ISSUED.plus(Duration.ofDays(31)));
        assertEquals(LockReason.REISSUE, r.lockReason(), "the user is told to use the newer Request ID");
        assertEquals(ISSUED.plus(Duration.ofDays(30)), r.lockedAt(), "locked when it locked");
        RetrievalRequest open = request();
        open.supersede(ISSUED.plusSeconds(60));
        assertEquals(RequestStatus.LOCKED, open.status());
        assertNull(open.sealedPrivateKey());
    }

    @Test
    void durationsOfSecondsWorkForRehearsals() {
        RetrievalRequest r = new RetrievalRequest("ABCDEFGHJKMNPQRS", null, ISSUED, Duration.ofSeconds(90),
                Duration.ofSeconds(10), KEY);
        assertTrue(r.isLockedAt(ISSUED.plusSeconds(90)));
        assertFalse(r.isLockedAt(ISSUED.plusSeconds(89)));
    }

    @Test
    void aCampaignCompletionLocksEarlierThanTheRulesButNeverLater() {
        Instant completion = ISSUED.plus(Duration.ofDays(10));
        RetrievalRequest r = new RetrievalRequest("ABCDEFGHJKMNPQRS", null, ISSUED, Duration.ofDays(30),
                Duration.ofDays(3), KEY, completion);
        assertEquals(completion, r.locksAt());
        assertEquals(LockReason.DEADLINE, r.dueReason());
        r.retrieved(completion.minus(Duration.ofDays(1)));
        assertEquals(completion, r.locksAt(), "retrieved a day before the date: the date still comes first");
        assertEquals(LockReason.DEADLINE, r.dueReason());

        RetrievalRequest late = new RetrievalRequest("ABCDEFGHJKMNPQRS", null, ISSUED, Duration.ofDays(30),
                Duration.ofDays(3), KEY, ISSUED.plus(Duration.ofDays(60)));
        assertEquals(ISSUED.plus(Duration.ofDays(30)), late.locksAt(), "the usual rule applies when it is earlier");
        assertEquals(LockReason.ISSUANCE, late.dueReason());
    }

    @Test
    void anExtendedCompletionMovesAnOpenRequestOnlyNotALockedOne() {
        RetrievalRequest open = new RetrievalRequest("ABCDEFGHJKMNPQRS", null, ISSUED, Duration.ofDays(30),
                Duration.ofDays(3), KEY, ISSUED.plus(Duration.ofDays(5)));
        open.moveDeadline(ISSUED.plus(Duration.ofDays(20)));
        assertEquals(ISSUED.plus(Duration.ofDays(20)), open.locksAt());
        RetrievalRequest locked = new RetrievalRequest("ABCDEFGHJKMNPQRS", null, ISSUED, Duration.ofDays(30),
                Duration.ofDays(3), KEY, ISSUED.plus(Duration.ofDays(5)));
        locked.lock(ISSUED.plus(Duration.ofDays(5)), LockReason.DEADLINE);
        locked.moveDeadline(ISSUED.plus(Duration.ofDays(20)));
        assertEquals(RequestStatus.LOCKED, locked.status());
        assertNull(locked.sealedPrivateKey());
    }

    @Test
    void everyLockDropsTheDataKeySoThatItsVaultRowIsDeleted() throws Exception {
        javax.crypto.KeyGenerator aes = javax.crypto.KeyGenerator.getInstance("AES");
        aes.init(256);
        jp.kagi.ca.KeySealer kek = new jp.kagi.ca.KeySealer(aes.generateKey(), new java.security.SecureRandom());
        for (LockReason reason : LockReason.values()) {
            RetrievalRequest r = new RetrievalRequest("ABCDEFGHJKMNPQRS", null, ISSUED, Duration.ofDays(30),
                    Duration.ofDays(3), jp.kagi.vault.DataKey.seal(RetrievalRequest.keyPurpose(), KEY, kek, ISSUED,
                    new java.security.SecureRandom()), null);
            assertArrayEquals(KEY, r.openPrivateKey(kek));
            r.lock(ISSUED.plusSeconds(1), reason);
            assertNull(r.dataKey(), "orphan removal deletes the key_vault row: " + reason);
            assertNull(r.sealedPrivateKey());
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> r.openPrivateKey(kek));
        }
        RetrievalRequest superseded = new RetrievalRequest("ABCDEFGHJKMNPQRS", null, ISSUED, Duration.ofDays(30),
                Duration.ofDays(3), jp.kagi.vault.DataKey.seal(RetrievalRequest.keyPurpose(), KEY, kek, ISSUED,
                new java.security.SecureRandom()), null);
        superseded.supersede(ISSUED.plusSeconds(1));
        assertNull(superseded.dataKey());
    }

    @Test
    void theSweepsColumnRuleAgreesWithTheRequest() {
        Duration thirty = Duration.ofDays(30);
        Duration three = Duration.ofDays(3);
        assertEquals(LockReason.ISSUANCE, RetrievalRequest.dueReason(ISSUED, thirty, null, three, null));
        assertEquals(LockReason.RETRIEVAL, RetrievalRequest.dueReason(ISSUED, thirty, ISSUED.plus(Duration.ofDays(1)),
                three, null));
        assertEquals(LockReason.ISSUANCE, RetrievalRequest.dueReason(ISSUED, thirty, ISSUED.plus(Duration.ofDays(28)),
                three, null), "the first retrieval late in the period does not extend it");
        assertEquals(LockReason.DEADLINE, RetrievalRequest.dueReason(ISSUED, thirty, null, three,
                ISSUED.plus(Duration.ofDays(10))));
    }
}
