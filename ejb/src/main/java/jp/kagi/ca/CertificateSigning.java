package jp.kagi.ca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds and signs X.509 certificates with Bouncy Castle: the client profile and the two CA certificates. */
public final class CertificateSigning {

    private CertificateSigning() {
    }

    public static X500Name clientSubject(ClientProfile profile) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, ClientProfile.COUNTRY)
                .addRDN(BCStyle.OU, profile.organizationalUnit())
                .addRDN(BCStyle.CN, profile.commonName().value())
                .build();
    }

    public static X500Name caSubject(String organization, String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, ClientProfile.COUNTRY)
                .addRDN(BCStyle.O, organization)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    /** Signs a client certificate for {@code subjectKey} as the profile says. The caller checks it before use. */
    public static X509Certificate signClient(ClientProfile profile, PublicKey subjectKey, BigInteger serial,
                                             X509Certificate issuer, PrivateKey issuerKey) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), serial,
                    Date.from(profile.notBefore()), Date.from(profile.notAfter()), clientSubject(profile), subjectKey);
            int usage = KeyUsage.digitalSignature | (profile.keyType().isRsa() ? KeyUsage.keyEncipherment : 0);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(issuer, utils))
                    .addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoint(profile.crlUrl()))
                    .addExtension(Extension.freshestCRL, false, crlDistributionPoint(profile.freshestCrlUrl()))
                    .addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription[] {
                            new AccessDescription(AccessDescription.id_ad_ocsp, uri(profile.ocspUrl())),
                            new AccessDescription(AccessDescription.id_ad_caIssuers, uri(profile.caIssuersUrl()))}));
            return sign(builder, issuerKey);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Cannot build certificate " + profile.commonName(), e);
        }
    }

    /** A CA certificate: self-signed when {@code issuer} is null, else signed by it. */
    public static X509Certificate signCa(X500Name subject, PublicKey subjectKey, BigInteger serial, java.time.Instant notBefore,
                                         java.time.Instant notAfter, Integer pathLength, X509Certificate issuer,
                                         PrivateKey signingKey) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial, Date.from(notBefore),
                    Date.from(notAfter), subject, subjectKey);
            builder.addExtension(Extension.basicConstraints, true,
                            pathLength == null ? new BasicConstraints(true) : new BasicConstraints(pathLength))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            if (issuer != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(issuer, utils));
            }
            return sign(builder, signingKey);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Cannot build CA certificate " + subject, e);
        }
    }

    /**
     * The delegated OCSP responder's certificate (RFC 6960 4.2.2.2): an end entity of the issuing CA whose only
     * purpose is id-kp-OCSPSigning, with id-pkix-ocsp-nocheck (4.2.2.2.1) so that relying parties do not ask the
     * responder about itself. Short-lived instead: it is renewed well before it expires.
     */
    public static X509Certificate signOcspResponder(X500Name subject, PublicKey subjectKey, BigInteger serial,
                                                    java.time.Instant notBefore, java.time.Instant notAfter,
                                                    X509Certificate issuer, PrivateKey issuerKey) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), serial, Date.from(notBefore),
                    Date.from(notAfter), subject, subjectKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning))
                    .addExtension(org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false,
                            org.bouncycastle.asn1.DERNull.INSTANCE)
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(issuer, utils));
            return sign(builder, issuerKey);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Cannot build the OCSP responder certificate " + subject, e);
        }
    }

    /**
     * A signer for the issuing CA's CRLs (RFC 5280 §5): the CRL itself is written by a streaming encoder, so that a
     * CRL of a million entries never sits in memory as ASN.1 objects.
     */
    public static CrlSigner crlSigner(X509Certificate issuer, PrivateKey key) {
        try {
            String algorithm = signatureAlgorithm(key);
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            byte[] aki = authorityKeyIdentifier(issuer, new JcaX509ExtensionUtils()).getKeyIdentifierObject().getOctets();
            return new CrlSigner(issuer.getSubjectX500Principal().getEncoded(), aki,
                    new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm).getEncoded(ASN1Encoding.DER),
                    signature);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Cannot prepare the CRL signer", e);
        }
    }

    public static String signatureAlgorithm(PrivateKey key) {
        return "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws CertificateException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm(key)).build(key)));
        } catch (OperatorCreationException e) {
            throw new CertificateException("No signer for " + key.getAlgorithm(), e);
        }
    }

    /** The AKI carries exactly the issuer's own SKI, so that chain building never depends on how it was computed. */
    private static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate issuer, JcaX509ExtensionUtils utils)
            throws CertificateException {
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(issuer).getExtensions());
        return ski != null ? new AuthorityKeyIdentifier(ski.getKeyIdentifier())
                : utils.createAuthorityKeyIdentifier(issuer.getPublicKey());
    }

    /** A CRLDistributionPoints value with one full-name URI: the CRL DP and the Freshest CRL share this syntax. */
    public static CRLDistPoint crlDistributionPoint(String url) {
        return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(
                new DistributionPointName(new GeneralNames(uri(url))), null, null)});
    }

    private static GeneralName uri(String url) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, url);
    }
}
