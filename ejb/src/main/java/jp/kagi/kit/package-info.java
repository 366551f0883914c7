/**
 * The ASP kit: per customer, a ZIP with which the customer's own nginx or Apache httpd admits exactly that
 * customer's Kagi certificates (CA chain, current CRL, CRL/OCSP URLs, server configuration, a CRL refresh script and
 * READMEs). Rendered from templates in resources; the customer's name, free text, is escaped for each file's syntax.
 */
package jp.kagi.kit;
