/**
 * End-user accounts: the user ID and password a person types into the portal (case-sensitive), their e-mail
 * address and mail language. Passwords are stored as PBKDF2-HMAC-SHA256 hashes; a new password waits sealed until
 * the registration mail that delivers it is written, and is never returned by any API.
 */
package jp.kagi.account;
