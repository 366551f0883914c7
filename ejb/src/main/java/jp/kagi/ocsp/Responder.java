package jp.kagi.ocsp;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import jp.kagi.ca.CertificateSigning;
import jp.kagi.ca.ResponderCredential;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * One generation of the delegated responder: key, certificate, ResponderID (byKey, RFC 6960 4.2.2.3) and the chain
 * sent in every response. Immutable: a renewal swaps the whole object, so a response never mixes two generations.
 */
final class Responder {

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final X509CertificateHolder[] chain;
    private final RespID id;
    private final String algorithm;

    Responder(ResponderCredential credential) {
        try {
            this.key = credential.key();
            this.certificate = credential.certificate();
            X509CertificateHolder holder = new JcaX509CertificateHolder(certificate);
            this.chain = new X509CertificateHolder[] {holder};
            this.id = new RespID(SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()),
                    new JcaDigestCalculatorProviderBuilder().build().get(RespID.HASH_SHA1));
            this.algorithm = CertificateSigning.signatureAlgorithm(key);
        } catch (CertificateEncodingException | OperatorCreationException | OCSPException e) {
            throw new IllegalStateException("Unusable OCSP responder certificate", e);
        }
    }

    X509Certificate certificate() {
        return certificate;
    }

    Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    RespID id() {
        return id;
    }

    X509CertificateHolder[] chain() {
        return chain.clone();
    }

    /** A fresh signer per response: a JCA Signature is not thread-safe. */
    ContentSigner signer() {
        try {
            return new JcaContentSignerBuilder(algorithm).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("No signer for the OCSP responder key", e);
        }
    }
}
