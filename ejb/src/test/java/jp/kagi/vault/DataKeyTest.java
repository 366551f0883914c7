package jp.kagi.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import jp.kagi.ca.KeySealer;
import org.junit.jupiter.api.Test;

/** Per-key data keys: what they seal opens only with them, whoever holds the KEK; rotation only re-wraps them. */
class DataKeyTest {

    private static final Instant NOW = Instant.parse("2026-11-27T00:00:00Z");
    private final SecureRandom random = new SecureRandom();
    private final SecretKey v1;
    private final SecretKey v2;

    DataKeyTest() throws GeneralSecurityException {
        KeyGenerator aes = KeyGenerator.getInstance("AES");
        aes.init(256);
        v1 = aes.generateKey();
        v2 = aes.generateKey();
    }

    @Test
    void aSecretOpensWithItsDataKeyAndNotWithTheKekAlone() {
        KeySealer kek = new KeySealer(v1, random);
        DataKey.Sealed sealed = DataKey.seal("private-key", new byte[] {1, 2, 3}, kek, NOW, random);
        assertArrayEquals(new byte[] {1, 2, 3}, sealed.key().open("private-key", sealed.sealed(), kek));
        assertEquals(1, sealed.key().kekVersion());
        assertEquals(32, sealed.key().id().length());
        assertThrows(IllegalStateException.class, () -> kek.unseal("private-key", sealed.sealed()),
                "without the data key row the KEK opens nothing");
        DataKey other = DataKey.seal("private-key", new byte[] {9}, kek, NOW, random).key();
        assertThrows(IllegalStateException.class, () -> other.open("private-key", sealed.sealed(), kek),
                "another key's data key does not open it");
    }

    @Test
    void rotationRewrapsOnlyTheDataKeyAndTheOldKekIsThenNotNeeded() {
        KeySealer old = new KeySealer(v1, random);
        DataKey.Sealed sealed = DataKey.seal("private-key", new byte[] {5}, old, NOW, random);
        KeySealer both = new KeySealer(Map.of(1, v1, 2, v2), random);
        assertTrue(sealed.key().rewrap(both, NOW));
        assertFalse(sealed.key().rewrap(both, NOW), "already under the newest version");
        assertEquals(2, sealed.key().kekVersion());
        KeySealer onlyNew = new KeySealer(Map.of(2, v2), random);
        assertArrayEquals(new byte[] {5}, sealed.key().open("private-key", sealed.sealed(), onlyNew));
    }

    @Test
    void everyKeyGetsItsOwnRandomId() {
        KeySealer kek = new KeySealer(v1, random);
        assertNotEquals(DataKey.seal("p", new byte[1], kek, NOW, random).key().id(),
                DataKey.seal("p", new byte[1], kek, NOW, random).key().id());
    }
}
