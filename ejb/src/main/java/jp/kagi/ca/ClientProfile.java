package jp.kagi.ca;

import java.time.Instant;

/**
 * What one client certificate must be (SPEC.md "Certificate profile"): the subject parts, the validity window, the
 * key type, and where relying parties find revocation data and the issuer's certificate. {@code freshestCrlUrl} is
 * the delta CRL (RFC 5280 §4.2.1.15), on the same base URL as the CRL distribution point.
 */
public record ClientProfile(
        String organizationalUnit,
        CommonName commonName,
        Instant notBefore,
        Instant notAfter,
        KeyType keyType,
        String crlUrl,
        String ocspUrl,
        String caIssuersUrl,
        String freshestCrlUrl) {

    public static final String COUNTRY = "JP";

    /**
     * This profile with its notAfter no later than the issuing CA's (RFC 5280 6.1.3: a certificate outliving its
     * issuer fails path validation after that date), for first issuance, renewal and reissue alike.
     */
    public ClientProfile within(Instant issuerNotAfter) {
        if (!notAfter.isAfter(issuerNotAfter)) {
            return this;
        }
        return new ClientProfile(organizationalUnit, commonName, notBefore, issuerNotAfter, keyType, crlUrl, ocspUrl,
                caIssuersUrl, freshestCrlUrl);
    }

    /** The subject as the seed's mails print it: C=JP, OU=..., CN=dscaNNNNN. */
    public String subjectText() {
        return "C=" + COUNTRY + ", OU=" + organizationalUnit + ", CN=" + commonName.value();
    }
}
