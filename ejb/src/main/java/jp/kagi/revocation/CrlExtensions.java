package jp.kagi.revocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import jp.kagi.ca.CertificateSigning;

/**
 * The CRL extensions (RFC 5280 §5.2) of Kagi's CRLs, as DER: authorityKeyIdentifier and cRLNumber (non-critical) on
 * both; a full CRL adds freshestCRL (§5.2.6, non-critical) naming the delta, a delta adds the critical
 * deltaCRLIndicator (§5.2.4) with its base CRL's number. Full and delta CRLs share one numbering (§5.2.3).
 */
final class CrlExtensions {

    private CrlExtensions() {
    }

    static byte[] full(byte[] authorityKeyId, long number, String deltaUrl) {
        ExtensionsGenerator g = common(authorityKeyId, number);
        try {
            g.addExtension(Extension.freshestCRL, false, CertificateSigning.crlDistributionPoint(deltaUrl));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return encode(g);
    }

    static byte[] delta(byte[] authorityKeyId, long number, long baseNumber) {
        ExtensionsGenerator g = common(authorityKeyId, number);
        try {
            g.addExtension(Extension.deltaCRLIndicator, true, new ASN1Integer(baseNumber));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return encode(g);
    }

    private static ExtensionsGenerator common(byte[] authorityKeyId, long number) {
        ExtensionsGenerator g = new ExtensionsGenerator();
        try {
            g.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(authorityKeyId));
            g.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return g;
    }

    private static byte[] encode(ExtensionsGenerator g) {
        try {
            return g.generate().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
