/** Readiness: /health answers 200 when Kagi can issue (database reachable, CA loaded), 503 otherwise. */
package jp.kagi.web.health;
