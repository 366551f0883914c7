/**
 * Customers: the organizations whose users get certificates. A customer's name is the certificates' OU; its
 * policy says how long a retrieval stays open, which key type and PKCS#12 flavour its users get, and validity.
 */
package jp.kagi.customer;
