package jp.kagi.revocation;

import java.time.Instant;

/**
 * A signed CRL as the back office and the servlet see it: kind, number (the base number for a delta), times, how
 * many entries and bytes, and how long it took to build and sign.
 */
public record CrlInfo(CrlKind kind, long number, Long baseNumber, Instant thisUpdate, Instant nextUpdate,
                      long entries, long sizeBytes, long buildMillis, Instant signedAt) {
}
