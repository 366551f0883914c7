/**
 * The OCSP responder (RFC 6960) at {@code /ocsp}: request parsing with stated limits, answers read from the
 * database at the moment of the request (so a revocation shows at once), responses signed by a delegated responder
 * certificate that {@link jp.kagi.ocsp.ResponderRenewal} renews well before it expires, and pre-signed responses
 * for unchanged serials that are reused only while the database still says the same.
 */
package jp.kagi.ocsp;
