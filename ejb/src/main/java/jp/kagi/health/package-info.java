/**
 * MicroProfile Health checks, answered by WildFly at the management interface's {@code /health/live} and
 * {@code /health/ready} (metrics.cli): liveness (Kagi answers), and readiness: the database, the issuing CA key, and
 * the SMTP server as a degraded state only (issuance queues mail, so a down SMTP server does not make Kagi unready).
 * The public, anonymous {@code /health} on 8443 (jp.kagi.web.health) stays UP/DOWN only.
 */
package jp.kagi.health;
