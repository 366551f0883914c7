package jp.kagi.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.crypto.SecretKey;

/**
 * The CA's secrets as loaded from its keystore: both certificates, the issuing key (a PKCS#11 handle when the key
 * lives in a token), the root key ({@code null} once taken offline) and the key-encryption key.
 */
record CaMaterial(X509Certificate root, X509Certificate issuing, PrivateKey issuingKey, PrivateKey rootKey,
                  SecretKey kek) {
}
