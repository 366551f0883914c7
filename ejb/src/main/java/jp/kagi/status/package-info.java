/**
 * The facts behind Kagi's MicroProfile Health checks (the checks themselves live in the EAR's lib/ folder, module
 * health, where WildFly finds them). Operational state only, no customer data.
 */
package jp.kagi.status;
