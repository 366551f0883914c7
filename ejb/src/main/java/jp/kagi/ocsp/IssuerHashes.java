package jp.kagi.ocsp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.ocsp.CertificateID;

/**
 * The issuing CA's issuerNameHash and issuerKeyHash (RFC 6960 4.1.1) under every hash a CertID may use, computed
 * once: a CertID is Kagi's when both match, whoever else shares the issuer's name.
 */
final class IssuerHashes {

    private record Hashes(byte[] name, byte[] key) {
    }

    private final Map<ASN1ObjectIdentifier, Hashes> byAlgorithm = new HashMap<>();

    IssuerHashes(X509Certificate issuer) {
        byte[] name = issuer.getSubjectX500Principal().getEncoded();
        byte[] key = SubjectPublicKeyInfo.getInstance(issuer.getPublicKey().getEncoded()).getPublicKeyData().getBytes();
        put(OIWObjectIdentifiers.idSHA1, "SHA-1", name, key);
        put(NISTObjectIdentifiers.id_sha256, "SHA-256", name, key);
        put(NISTObjectIdentifiers.id_sha384, "SHA-384", name, key);
        put(NISTObjectIdentifiers.id_sha512, "SHA-512", name, key);
    }

    private void put(ASN1ObjectIdentifier oid, String jca, byte[] name, byte[] key) {
        try {
            byAlgorithm.put(oid, new Hashes(MessageDigest.getInstance(jca).digest(name),
                    MessageDigest.getInstance(jca).digest(key)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No " + jca + " in this JVM", e);
        }
    }

    /** True when the CertID names Kagi's issuing CA by both its name hash and its key hash. */
    boolean matches(CertificateID id) {
        Hashes expected = byAlgorithm.get(id.getHashAlgOID());
        return expected != null && MessageDigest.isEqual(expected.name(), id.getIssuerNameHash())
                && MessageDigest.isEqual(expected.key(), id.getIssuerKeyHash());
    }
}
