package jp.kagi.web.ca;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Cache headers for signed revocation objects (RFC 5019 6.2, RFC 9111): an HTTP cache may keep the object until
 * its nextUpdate and no longer; the ETag is the SHA-1 of the bytes, Last-Modified its thisUpdate.
 */
final class HttpCaching {

    private HttpCaching() {
    }

    /**
     * Sets the headers and answers true when the client's If-None-Match already names these bytes (then a 304 has
     * been sent and the caller writes nothing).
     */
    static boolean validUntil(HttpServletRequest request, HttpServletResponse response, byte[] body, Instant thisUpdate,
                              Instant nextUpdate, Instant now) {
        long maxAge = Math.max(0, Duration.between(now, nextUpdate).getSeconds());
        String etag = "\"" + sha1(body) + "\"";
        response.setHeader("Cache-Control", "public, max-age=" + maxAge + ", no-transform, must-revalidate");
        response.setHeader("Expires", http(nextUpdate));
        if (thisUpdate != null) {
            response.setHeader("Last-Modified", http(thisUpdate));
        }
        response.setHeader("ETag", etag);
        String match = request.getHeader("If-None-Match");
        if (match != null && (match.contains(etag) || match.strip().equals("*"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return true;
        }
        return false;
    }

    static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
    }

    static String http(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static String sha1(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
