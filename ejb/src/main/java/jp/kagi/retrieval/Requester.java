package jp.kagi.retrieval;

/** Who asks for a key: the signed-in user, where from, with which browser (for throttling and the audit log). */
public record Requester(String userId, String address, String userAgent) {
}
