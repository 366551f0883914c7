package jp.kagi.retrieval;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * Packs a key, its certificate and the CA chain into a DER PKCS#12 (SPEC.md): key and certificate bags encrypted
 * with AES-256-CBC under PBKDF2-HMAC-SHA256, MAC HMAC-SHA256, friendly name = CN. The legacy flavour
 * (PBE-SHA1-3DES, MAC SHA-1) is for old Windows that cannot read PBES2.
 */
public final class Pkcs12Packager {

    public enum Flavour { MODERN, LEGACY }

    static final int PBKDF2_ITERATIONS = 100_000;
    static final int MAC_ITERATIONS = 2048;

    // An unregistered instance: nothing is added to the JVM's global provider list by a deployment.
    private static final Provider BC = new BouncyCastleProvider();

    private Pkcs12Packager() {
    }

    public static byte[] pack(PrivateKey key, X509Certificate cert, List<X509Certificate> chain, String friendlyName,
                              char[] password, Flavour flavour) {
        try {
            var localKeyId = new JcaX509ExtensionUtils().createSubjectKeyIdentifier(cert.getPublicKey());
            List<PKCS12SafeBag> certBags = new ArrayList<>();
            PKCS12SafeBagBuilder own = new JcaPKCS12SafeBagBuilder(cert);
            own.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(friendlyName));
            own.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
            certBags.add(own.build());
            for (X509Certificate ca : chain) {
                PKCS12SafeBagBuilder caBag = new JcaPKCS12SafeBagBuilder(ca);
                caBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName,
                        new DERBMPString(commonName(ca)));
                certBags.add(caBag.build());
            }
            PKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(key, encryptor(flavour, password));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(friendlyName));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);

            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(encryptor(flavour, password), certBags.toArray(PKCS12SafeBag[]::new));
            pfx.addData(keyBag.build());
            return pfx.build(mac(flavour), password).getEncoded(ASN1Encoding.DER);
        } catch (IOException | GeneralSecurityException | OperatorCreationException | PKCSException e) {
            throw new IllegalStateException("Cannot build the PKCS#12 for " + friendlyName, e);
        }
    }

    private static OutputEncryptor encryptor(Flavour flavour, char[] password) throws OperatorCreationException {
        if (flavour == Flavour.LEGACY) {
            return new JcePKCSPBEOutputEncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC)
                    .setProvider(BC).setIterationCount(MAC_ITERATIONS).build(password);
        }
        return new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                .setProvider(BC)
                .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
                .setIterationCount(PBKDF2_ITERATIONS)
                .build(password);
    }

    private static PKCS12MacCalculatorBuilder mac(Flavour flavour) {
        if (flavour == Flavour.LEGACY) {
            return new BcPKCS12MacCalculatorBuilder().setIterationCount(MAC_ITERATIONS);
        }
        return new BcPKCS12MacCalculatorBuilder(new SHA256Digest(),
                new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE))
                .setIterationCount(MAC_ITERATIONS);
    }

    private static String commonName(X509Certificate cert) {
        String dn = cert.getSubjectX500Principal().getName();
        for (String part : dn.split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return dn;
    }
}
