/**
 * The demo "ASP service" on port 8444 (SPEC.md): it stands in for the customer's service and greets the holder of
 * the client certificate the TLS layer admitted, after the checks TLS does not make ({@link AspGate}).
 */
package jp.kagi.web.asp;
