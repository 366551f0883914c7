/**
 * REST API v1 (SPEC.md): JSON over HTTPS, HTTP Basic for back-office users, errors as RFC 9457 problem+json in
 * the caller's language (Accept-Language). Resources map requests to EJB calls and records; no entity leaves.
 */
package jp.kagi.web.api;
