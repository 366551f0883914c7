package jp.kagi.asp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AspTrustFilesTest {

    @TempDir
    Path dir;

    @Test
    void theTrustStoreHoldsExactlyTheChainAndIsWrittenOnlyWhenItChanges() throws Exception {
        AspTrustFiles files = new AspTrustFiles(dir.resolve("asp"));
        List<X509Certificate> chain = List.of(cert("CN=Issuing"), cert("CN=Root"));
        assertTrue(files.writeTrust(chain));
        assertFalse(files.writeTrust(chain), "same chain, no rewrite (and no reload)");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(files.trustStore())) {
            ks.load(in, AspTrustFiles.PASSWORD);
        }
        assertEquals(2, ks.size());
        for (X509Certificate c : chain) {
            assertTrue(ks.isCertificateEntry(ks.getCertificateAlias(c)), "a trusted entry, no key");
        }
        assertTrue(files.writeTrust(List.of(cert("CN=Other"))), "another CA replaces the store");
    }

    @Test
    void aPlaceholderOfAnotherPasswordIsReplaced() throws Exception {
        AspTrustFiles files = new AspTrustFiles(dir);
        Files.write(files.trustStore(), new byte[] {1, 2, 3});
        assertTrue(files.writeTrust(List.of(cert("CN=Issuing"))));
    }

    @Test
    void theCrlIsCopiedOnlyWhenItDiffers() throws Exception {
        AspTrustFiles files = new AspTrustFiles(dir.resolve("asp"));
        Path published = dir.resolve("full-7.crl");
        Files.write(published, new byte[] {48, 3, 2, 1, 7});
        assertTrue(files.writeCrl(published));
        assertFalse(files.writeCrl(published));
        assertArrayEquals(Files.readAllBytes(published), Files.readAllBytes(files.crl()));
        try (var left = Files.list(dir.resolve("asp"))) {
            assertEquals(1, left.count(), "no temporary file left behind");
        }
    }

    private static X509Certificate cert(String dn) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair k = g.generateKeyPair();
        var b = new JcaX509v3CertificateBuilder(new X500Name(dn), BigInteger.valueOf(dn.hashCode() & 0x7fffffff),
                new Date(0), new Date(4_000_000_000_000L), new X500Name(dn), k.getPublic());
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(k.getPrivate())));
    }
}
