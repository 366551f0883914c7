/**
 * Retrieval requests: one per issued certificate, named by a 16-character Request ID, holding the sealed private
 * key until the user downloads it and recording when it was issued, first retrieved and locked.
 */
package jp.kagi.retrieval;
