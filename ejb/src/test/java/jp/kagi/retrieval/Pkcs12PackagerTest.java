package jp.kagi.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import jp.kagi.ca.CertificateSigning;
import jp.kagi.ca.ClientProfile;
import jp.kagi.ca.CommonName;
import jp.kagi.ca.KeyType;
import jp.kagi.ca.SerialNumbers;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The PKCS#12 of SPEC.md opens with the password in the JDK's own KeyStore, with its chain and friendly name. */
class Pkcs12PackagerTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] PASSWORD = "pMaPZZMRGT2YE5".toCharArray();

    @ParameterizedTest
    @EnumSource(Pkcs12Packager.Flavour.class)
    void theFileHoldsKeyCertificateAndChainUnderTheCn(Pkcs12Packager.Flavour flavour) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        KeyPair caKeys = KeyType.RSA_2048.generate(RANDOM);
        X509Certificate caCert = CertificateSigning.signCa(CertificateSigning.caSubject("Kagi", "Kagi Test CA"),
                caKeys.getPublic(), SerialNumbers.next(RANDOM), now, now.plus(1, ChronoUnit.DAYS), 0, null,
                caKeys.getPrivate());
        KeyPair keys = KeyType.EC_P256.generate(RANDOM);
        ClientProfile profile = new ClientProfile("Example", new CommonName("dsca", 7), now, now.plus(1, ChronoUnit.DAYS),
                KeyType.EC_P256, "https://x/crl", "https://x/ocsp", "https://x/ca.cer", "https://x/delta.crl");
        X509Certificate cert = CertificateSigning.signClient(profile, keys.getPublic(), SerialNumbers.next(RANDOM),
                caCert, caKeys.getPrivate());

        byte[] p12 = Pkcs12Packager.pack(keys.getPrivate(), cert, List.of(caCert), "dsca00007", PASSWORD, flavour);

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(p12), PASSWORD);
        assertTrue(store.isKeyEntry("dsca00007"));
        assertEquals(keys.getPrivate(), store.getKey("dsca00007", PASSWORD));
        assertEquals(2, store.getCertificateChain("dsca00007").length);
        assertEquals(cert, store.getCertificate("dsca00007"));

        Pfx pfx = Pfx.getInstance(ASN1Sequence.getInstance(p12));
        var macAlgorithm = pfx.getMacData().getMac().getAlgorithmId().getAlgorithm();
        assertEquals(flavour == Pkcs12Packager.Flavour.MODERN ? NISTObjectIdentifiers.id_sha256.getId() : "1.3.14.3.2.26",
                macAlgorithm.getId(), "MAC HMAC-SHA256 (legacy: SHA-1)");

        KeyStore wrong = KeyStore.getInstance("PKCS12");
        assertThrows(IOException.class, () -> wrong.load(new ByteArrayInputStream(p12), "wrong".toCharArray()));
    }
}
