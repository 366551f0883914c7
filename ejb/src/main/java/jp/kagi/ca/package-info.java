/**
 * The certificate authority: the two-tier CA (Kagi Root CA, Kagi Issuing CA) created on first start and kept in a
 * password-protected keystore under KAGI_DATA_DIR, the client-certificate profile and its check, certificate
 * building and signing with Bouncy Castle, and the sealing of private keys held until the user retrieves them.
 */
package jp.kagi.ca;
