/**
 * Back-office users (CA admin, operator scoped to chosen customers, auditor) and their sign-in, for the REST API
 * and the /admin/ screens. The bootstrap admin is created on first start from KAGI_ADMIN_USER/KAGI_ADMIN_PASSWORD.
 */
package jp.kagi.admin;
