package jp.kagi.admin;

import java.time.Instant;

/** An API token as its owner and the CA admins see it: never the secret. */
public record TokenView(long id, String name, String owner, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {
}
