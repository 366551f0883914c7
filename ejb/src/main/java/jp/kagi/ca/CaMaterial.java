package jp.kagi.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.crypto.SecretKey;

/** The CA's secrets as loaded from its keystore: both certificates, the issuing key and the key-encryption key. */
record CaMaterial(X509Certificate root, X509Certificate issuing, PrivateKey issuingKey, PrivateKey rootKey,
                  SecretKey kek) {
}
