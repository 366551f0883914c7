package jp.kagi.kit;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * What one customer's kit is made of: the customer's name (its certificates' OU), the CA chain (issuing CA first),
 * the current full CRL as DER with its number and next update, and the plain-HTTP CRL and OCSP URLs.
 */
record KitSource(String customer, List<X509Certificate> chain, byte[] crlDer, long crlNumber, Instant crlNextUpdate,
                 String crlUrl, String ocspUrl, Instant generatedAt) {

    KitSource {
        chain = List.copyOf(chain);
    }
}
