package jp.kagi.ocsp;

import java.time.Instant;

/**
 * The OCSP answer for one serial as the back office shows it: {@code good}, {@code revoked}, {@code unknown}, or an
 * error status name when the responder could not answer; thisUpdate/nextUpdate; time and reason when revoked.
 */
public record OcspAnswerView(String status, Instant thisUpdate, Instant nextUpdate, Instant revokedAt, String reason) {
}
