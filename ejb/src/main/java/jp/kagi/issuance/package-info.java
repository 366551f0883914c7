/**
 * Issuance: given an account, the next dscaNNNNN, a fresh key pair, a certificate signed and checked against the
 * profile, a retrieval request holding the sealed key, and the two mails, all in one transaction. A failure anywhere
 * leaves no certificate, no used number and no mail.
 */
package jp.kagi.issuance;
