package jp.kagi.ca;

import java.security.Signature;

/**
 * What a CRL writer needs from the issuing CA, without the private key leaving this package: the issuer's DER name,
 * its key identifier (for the CRL's authorityKeyIdentifier), the DER AlgorithmIdentifier of the signature, and a
 * {@link Signature} already initialised with the issuing key. One use per CRL.
 */
public record CrlSigner(byte[] issuerName, byte[] authorityKeyId, byte[] algorithmIdentifier, Signature signature) {
}
