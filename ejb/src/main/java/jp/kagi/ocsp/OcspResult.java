package jp.kagi.ocsp;

import java.time.Instant;

/**
 * An OCSPResponse ready to send: its DER, its OCSPResponseStatus (0 successful), and for a successful answer its
 * thisUpdate and nextUpdate; {@code cacheable} when an HTTP cache may keep it until nextUpdate (no nonce).
 */
public record OcspResult(byte[] der, int status, Instant thisUpdate, Instant nextUpdate, boolean cacheable) {

    static OcspResult error(int status) {
        return new OcspResult(OcspAnswers.error(status), status, null, null, false);
    }

    public boolean successful() {
        return status == 0;
    }
}
