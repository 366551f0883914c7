/**
 * The lock rules applied by a persistent EJB timer: a retrieval request locks 30 days after issuance or 3 days
 * after its first retrieval (per customer); locking destroys the sealed private key and is audited. The same rule
 * is also enforced on every request by the retrieval service, so the timer's interval never opens a window.
 */
package jp.kagi.lock;
