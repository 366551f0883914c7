/**
 * The audit log: who did what to which object, when and from where. Records are written in the transaction of the
 * change they describe, so a change that rolls back leaves no record claiming it happened.
 */
package jp.kagi.audit;
