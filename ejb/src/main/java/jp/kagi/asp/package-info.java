/**
 * The client-certificate listener on 8444 (the demo ASP service and the self-test): the trust store and CRL file
 * that WildFly's Elytron trust manager reads, written under KAGI_DATA_DIR and reloaded through the management API
 * without a restart, and the refusals of that listener, logged once each and counted.
 */
package jp.kagi.asp;
