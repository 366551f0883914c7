package jp.kagi.ca;

import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * The last gate before a certificate is stored or sent: every property SPEC.md's profile names, checked on the
 * signed certificate itself (not on the builder's inputs), so that a bug in building cannot slip through.
 */
public final class ProfileCheck {

    private ProfileCheck() {
    }

    /** Returns what is wrong with {@code cert}; an empty list means it matches the profile. */
    public static List<String> violations(X509Certificate cert, ClientProfile profile, X509Certificate issuer) {
        List<String> problems = new ArrayList<>();
        Extensions ext;
        try {
            ext = new JcaX509CertificateHolder(cert).getExtensions();
        } catch (CertificateEncodingException e) {
            return List.of("certificate cannot be encoded: " + e.getMessage());
        }
        if (ext == null) {
            return List.of("certificate has no extensions");
        }
        check(problems, cert.getVersion() == 3, "not an X.509 v3 certificate");
        check(problems, X500Name.getInstance(cert.getSubjectX500Principal().getEncoded())
                .equals(CertificateSigning.clientSubject(profile)), "subject is not " + profile.subjectText());
        check(problems, cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()),
                "issuer is not " + issuer.getSubjectX500Principal());
        checkSignature(problems, cert, issuer);
        check(problems, cert.getSerialNumber().signum() > 0, "serial number is not positive");
        check(problems, cert.getSerialNumber().bitLength() >= 64 && cert.getSerialNumber().bitLength() <= 159,
                "serial number is not 64 to 159 bits long");
        check(problems, cert.getNotBefore().toInstant().equals(profile.notBefore())
                && cert.getNotAfter().toInstant().equals(profile.notAfter()), "validity differs from the profile");
        check(problems, !cert.getNotAfter().after(issuer.getNotAfter()), "validity ends after the issuing CA's");
        checkKey(problems, cert, profile.keyType());

        Extension bc = ext.getExtension(Extension.basicConstraints);
        check(problems, bc != null && bc.isCritical() && !BasicConstraints.getInstance(bc.getParsedValue()).isCA(),
                "basicConstraints must be critical with CA:FALSE");
        Extension ku = ext.getExtension(Extension.keyUsage);
        if (ku == null || !ku.isCritical()) {
            problems.add("keyUsage must be present and critical");
        } else {
            KeyUsage usage = KeyUsage.getInstance(ku.getParsedValue());
            int expected = KeyUsage.digitalSignature | (profile.keyType().isRsa() ? KeyUsage.keyEncipherment : 0);
            check(problems, usage.equals(new KeyUsage(expected)), "keyUsage must be exactly "
                    + (profile.keyType().isRsa() ? "digitalSignature, keyEncipherment" : "digitalSignature"));
        }
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(ext);
        check(problems, eku != null && eku.hasKeyPurposeId(KeyPurposeId.id_kp_clientAuth),
                "extendedKeyUsage must include clientAuth");
        checkKeyIdentifiers(problems, cert, ext, issuer);
        checkUrls(problems, ext, profile);
        return problems;
    }

    private static void checkSignature(List<String> problems, X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            problems.add("signature does not verify with the issuer's key");
        }
    }

    private static void checkKey(List<String> problems, X509Certificate cert, KeyType keyType) {
        var key = cert.getPublicKey();
        if (keyType.isRsa()) {
            check(problems, key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() == keyType.bits(),
                    "public key is not " + keyType);
        } else {
            check(problems, key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256,
                    "public key is not " + keyType);
        }
    }

    private static void checkKeyIdentifiers(List<String> problems, X509Certificate cert, Extensions ext,
                                            X509Certificate issuer) {
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(ext);
        try {
            byte[] expected = new JcaX509ExtensionUtils().createSubjectKeyIdentifier(cert.getPublicKey()).getKeyIdentifier();
            check(problems, ski != null && Arrays.equals(ski.getKeyIdentifier(), expected),
                    "subjectKeyIdentifier is missing or does not match the public key");
        } catch (GeneralSecurityException e) {
            problems.add("subjectKeyIdentifier cannot be computed: " + e.getMessage());
        }
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(ext);
        byte[] issuerSki = issuerKeyIdentifier(issuer);
        check(problems, aki != null && aki.getKeyIdentifierObject() != null
                        && Arrays.equals(aki.getKeyIdentifierObject().getOctets(), issuerSki),
                "authorityKeyIdentifier does not match the issuer's subjectKeyIdentifier");
    }

    private static byte[] issuerKeyIdentifier(X509Certificate issuer) {
        byte[] raw = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        return raw == null ? new byte[0]
                : SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(raw).getOctets()).getKeyIdentifier();
    }

    private static void checkUrls(List<String> problems, Extensions ext, ClientProfile profile) {
        CRLDistPoint cdp = CRLDistPoint.fromExtensions(ext);
        boolean crl = false;
        if (cdp != null) {
            for (DistributionPoint dp : cdp.getDistributionPoints()) {
                DistributionPointName name = dp.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    for (GeneralName uri : GeneralNames.getInstance(name.getName()).getNames()) {
                        crl |= uri.getTagNo() == GeneralName.uniformResourceIdentifier
                                && uri.getName().toString().equals(profile.crlUrl());
                    }
                }
            }
        }
        check(problems, crl, "CRL distribution point must be " + profile.crlUrl());
        Extension freshest = ext.getExtension(Extension.freshestCRL);
        boolean delta = false;
        if (freshest != null && !freshest.isCritical()) {
            for (DistributionPoint dp : CRLDistPoint.getInstance(freshest.getParsedValue()).getDistributionPoints()) {
                delta |= dp.getDistributionPoint() != null
                        && dp.getDistributionPoint().toString().contains(profile.freshestCrlUrl());
            }
        }
        check(problems, delta, "freshest CRL (non-critical) must be " + profile.freshestCrlUrl());
        AuthorityInformationAccess aia = AuthorityInformationAccess.fromExtensions(ext);
        boolean ocsp = false;
        boolean caIssuers = false;
        if (aia != null) {
            for (AccessDescription ad : aia.getAccessDescriptions()) {
                GeneralName name = ad.getAccessLocation();
                String url = name.getTagNo() == GeneralName.uniformResourceIdentifier ? name.getName().toString() : "";
                ocsp |= ad.getAccessMethod().equals(AccessDescription.id_ad_ocsp) && url.equals(profile.ocspUrl());
                caIssuers |= ad.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)
                        && url.equals(profile.caIssuersUrl());
            }
        }
        check(problems, ocsp && caIssuers, "authorityInfoAccess must name OCSP " + profile.ocspUrl()
                + " and caIssuers " + profile.caIssuersUrl());
    }

    private static void check(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
