/**
 * Publishes what relying parties fetch, on plain HTTP (8080, no redirect) as well as HTTPS: the CA's own
 * certificates at the caIssuers address every client certificate names, the CRL at its distribution point, and the
 * OCSP responder at {@code /ocsp}, each with its media type and cache headers that follow nextUpdate.
 */
package jp.kagi.web.ca;
