/**
 * KEK versions and their rotation (issue 12/sealing): a CA admin introduces a new key-encryption key version, a
 * persistent timer re-wraps every stored data key (and re-seals the few values sealed under the KEK directly) in
 * bounded batches, and once nothing is left under an old version the admin retires it from the CA keystore.
 * Depends on ca, vault, retrieval, mail, account, audit and admin (for the caller); nothing depends on it.
 */
package jp.kagi.kek;
