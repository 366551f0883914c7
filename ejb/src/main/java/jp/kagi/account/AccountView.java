package jp.kagi.account;

import java.time.Instant;

/** An account as callers see it: never its password or hash. */
public record AccountView(String userId, String customer, String email, String displayName, String language,
                          String status, Instant createdAt) {
}
