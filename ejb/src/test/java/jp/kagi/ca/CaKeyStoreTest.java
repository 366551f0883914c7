package jp.kagi.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import jp.kagi.platform.OwnerOnlyFiles;

/** The CA keystore's files are owner-only, and the root key can be exported once and removed from it. */
class CaKeyStoreTest {

    static final SecureRandom RANDOM = new SecureRandom();
    static CaMaterial ca;

    @TempDir
    Path data;

    @BeforeAll
    static void createCa() {
        ca = CaFactory.create(new CaFactory.CaNames("Kagi", "Test Root", "Test Issuing"), Instant.now(), RANDOM);
    }

    @Test
    void keystoreAndGeneratedPasswordAreOwnerOnly() throws IOException {
        CaKeyStore store = CaKeyStore.open(data, Optional.empty(), RANDOM);
        store.save(ca);
        assertEquals(OwnerOnlyFiles.OWNER_ONLY, Files.getPosixFilePermissions(data.resolve("ca/keystore.password")));
        assertEquals(OwnerOnlyFiles.OWNER_ONLY, Files.getPosixFilePermissions(store.file()));
        java.security.KeyPair responder = KeyType.RSA_2048.generate(RANDOM);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate cert = CertificateSigning.signOcspResponder(CertificateSigning.caSubject("Kagi", "OCSP"),
                responder.getPublic(), SerialNumbers.next(RANDOM), now, now.plus(7, ChronoUnit.DAYS), ca.issuing(),
                ca.issuingKey());
        store.saveResponder(new ResponderCredential(responder.getPrivate(), cert), ca.issuing(), ca.root());
        assertEquals(OwnerOnlyFiles.OWNER_ONLY, Files.getPosixFilePermissions(store.file()));
        try (Stream<Path> files = Files.list(data.resolve("ca"))) {
            assertEquals(List.of("kagi-ca.p12", "keystore.password"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void rootKeyGoesOfflineOnceAndTheCaRunsOnWithoutIt() throws Exception {
        CaKeyStore store = CaKeyStore.open(data, Optional.of("store-pass"), RANDOM);
        store.save(ca);
        assertTrue(store.rootKeyOnline());

        char[] exportPassword = "correct horse battery".toCharArray();
        byte[] export = store.takeRootKeyOffline(exportPassword);

        // The export opens with the admin's password and holds the root key and certificate.
        KeyStore offline = KeyStore.getInstance("PKCS12");
        offline.load(new ByteArrayInputStream(export), exportPassword);
        assertArrayEquals(ca.rootKey().getEncoded(), offline.getKey(CaKeyStore.ROOT, exportPassword).getEncoded());
        assertEquals(ca.root(), offline.getCertificate(CaKeyStore.ROOT));
        assertThrows(IOException.class, () -> KeyStore.getInstance("PKCS12")
                .load(new ByteArrayInputStream(export), "wrong password".toCharArray()));

        // The online keystore keeps the root certificate but not its key; a restart loads it that way.
        KeyStore online = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store.file())) {
            online.load(in, "store-pass".toCharArray());
        }
        assertTrue(online.isCertificateEntry(CaKeyStore.ROOT));
        assertNull(online.getKey(CaKeyStore.ROOT, "store-pass".toCharArray()));
        assertEquals(OwnerOnlyFiles.OWNER_ONLY, Files.getPosixFilePermissions(store.file()));

        CaMaterial restarted = CaKeyStore.open(data, Optional.of("store-pass"), RANDOM).load();
        assertNull(restarted.rootKey());
        assertFalse(CaKeyStore.open(data, Optional.of("store-pass"), RANDOM).rootKeyOnline());
        assertEquals(ca.root(), restarted.root());
        assertEquals(ca.issuing(), restarted.issuing());
        PrivateKey issuingKey = restarted.issuingKey();
        assertNotNull(issuingKey);
        assertNotNull(restarted.kek());

        // Issuance still works with the issuing key alone.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ClientProfile profile = ClientProfileTest.profile(now, now.plus(30, ChronoUnit.DAYS));
        X509Certificate client = CertificateSigning.signClient(profile,
                KeyType.EC_P256.generate(RANDOM).getPublic(), SerialNumbers.next(RANDOM), restarted.issuing(),
                issuingKey);
        assertEquals(List.of(), ProfileCheck.violations(client, profile, restarted.issuing()));

        // Once only: a second export is refused and changes nothing.
        byte[] before = Files.readAllBytes(store.file());
        assertThrows(CaKeyStore.RootKeyOfflineException.class,
                () -> CaKeyStore.open(data, Optional.of("store-pass"), RANDOM).takeRootKeyOffline(exportPassword));
        assertArrayEquals(before, Files.readAllBytes(store.file()));
    }
}
