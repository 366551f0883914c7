package jp.kagi.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * The delegated OCSP responder's signing key and its certificate (issued by the issuing CA with id-kp-OCSPSigning
 * and id-pkix-ocsp-nocheck). Kept in the CA keystore beside the CA keys; see {@code ocsp/ResponderRenewal}.
 */
public record ResponderCredential(PrivateKey key, X509Certificate certificate) {
}
