package jp.kagi.web.admin;

import java.time.Instant;

/**
 * What the current CRLs say about one serial, for a certificate's row expansion: listed in the full CRL and/or the
 * delta (by number), and with which date and reason.
 */
public record CrlEntryRow(boolean inFull, Long fullNumber, boolean inDelta, Long deltaNumber, Instant revokedAt,
                          String reason) {
}
