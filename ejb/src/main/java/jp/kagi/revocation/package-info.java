/**
 * Revocation: a CA admin (or an operator for its customers) revokes a certificate with an RFC 5280 reason; the
 * certificate's open retrieval request locks with it, and the CRL at the address every certificate names lists it.
 */
package jp.kagi.revocation;
